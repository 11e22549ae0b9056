define noundef i32 @pipeline::sum_below(i32 noundef %n) unnamed_addr #6 {
start:
  %iter = alloca [4 x i8], align 4
  %_2 = alloca [8 x i8], align 4
  %total = alloca [4 x i8], align 4
  store i32 0, ptr %total, align 4
  store i32 0, ptr %iter, align 4
  br label %bb1
bb1:                                              ; preds = %bb2, %start
  call void @llvm.lifetime.start.p0(ptr %_2)
  %_7 = load i32, ptr %iter, align 4
  %_4 = icmp ult i32 %_7, %n
  br i1 %_4, label %bb2, label %bb3
bb3:                                              ; preds = %bb1
  call void @llvm.lifetime.end.p0(ptr %_2)
  %0 = load i32, ptr %total, align 4
  ret i32 %0
bb2:                                              ; preds = %bb1
  %_5 = load i32, ptr %iter, align 4
  %1 = add nuw i32 %_5, 1
  store i32 %1, ptr %iter, align 4
  %2 = getelementptr inbounds i8, ptr %_2, i64 4
  store i32 %_5, ptr %2, align 4
  store i32 1, ptr %_2, align 4
  %3 = getelementptr inbounds i8, ptr %_2, i64 4
  %i = load i32, ptr %3, align 4
  %4 = load i32, ptr %total, align 4
  %5 = add i32 %4, %i
  store i32 %5, ptr %total, align 4
  call void @llvm.lifetime.end.p0(ptr %_2)
  br label %bb1
}
