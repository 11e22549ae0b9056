define i32 @pipeline::add(i32 %a, i32 %b) unnamed_addr #5 {
start:
  %_3.0 = add i32 %a, %b
  %_3.1 = icmp ult i32 %_3.0, %a
  br i1 %_3.1, label %panic, label %bb1
bb1:                                              ; preds = %start
  ret i32 %_3.0
panic:                                            ; preds = %start
; call core::panicking::panic_const::panic_const_add_overflow
  call void @core::panicking::panic_const::panic_const_add_overflow(ptr align 8 @alloc_<hash>) #17
  unreachable
}
