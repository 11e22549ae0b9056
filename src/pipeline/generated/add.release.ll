define noundef i32 @pipeline::add(i32 noundef %a, i32 noundef %b) unnamed_addr #4 {
start:
  %_0 = add i32 %b, %a
  ret i32 %_0
}
