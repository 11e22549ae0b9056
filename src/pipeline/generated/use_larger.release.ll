define void @pipeline::use_larger(ptr dead_on_unwind noalias noundef writable writeonly sret([32 x i8]) align 8 captures(none) dereferenceable(32) initializes((0, 29)) %_0, i32 noundef %x, double noundef %y, ptr noalias noundef nonnull readonly align 1 captures(address, read_provenance) %s.0, i64 noundef %s.1) unnamed_addr #3 personality ptr @rust_eh_personality {
start:
  %_0.sroa.0.0.i = tail call noundef range(i32 1, -2147483648) i32 @llvm.smax.i32(i32 %x, i32 1)
  %_0.i.i = fcmp ogt double %y, 1.000000e+00
  %_0.sroa.0.0.i2 = select i1 %_0.i.i, double %y, double 1.000000e+00
  %0 = icmp ne i64 %s.1, 0
  %spec.store.select.i.i.i.i.i = zext i1 %0 to i64
  %1 = tail call i32 @memcmp(ptr nonnull readonly align 1 %s.0, ptr nonnull readonly align 1 @alloc_<hash>, i64 %spec.store.select.i.i.i.i.i)
  %2 = sext i32 %1 to i64
  %3 = icmp eq i32 %1, 0
  %diff.i.i.i.i.i = add i64 %s.1, -1
  %spec.select.i.i.i.i.i = select i1 %3, i64 %diff.i.i.i.i.i, i64 %2
  %4 = icmp sgt i64 %spec.select.i.i.i.i.i, 0
  %_0.sroa.3.0.i = select i1 %4, i64 %s.1, i64 1
  %_0.sroa.0.0.i3 = select i1 %4, ptr %s.0, ptr @alloc_<hash>
  %5 = trunc i32 %x to i8
  %spec.store.select = tail call i8 @llvm.umax.i8(i8 %5, i8 1)
  %6 = getelementptr inbounds nuw i8, ptr %_0, i64 24
  store i32 %_0.sroa.0.0.i, ptr %6, align 8
  %7 = getelementptr inbounds nuw i8, ptr %_0, i64 16
  store double %_0.sroa.0.0.i2, ptr %7, align 8
  store ptr %_0.sroa.0.0.i3, ptr %_0, align 8
  %8 = getelementptr inbounds nuw i8, ptr %_0, i64 8
  store i64 %_0.sroa.3.0.i, ptr %8, align 8
  %9 = getelementptr inbounds nuw i8, ptr %_0, i64 28
  store i8 %spec.store.select, ptr %9, align 4
  ret void
}
