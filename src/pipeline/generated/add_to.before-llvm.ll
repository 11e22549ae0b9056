define void @pipeline::add_to(ptr noalias noundef align 4 dereferenceable(4) %target, ptr noalias noundef readonly align 4 captures(address, read_provenance) dereferenceable(4) %amount) unnamed_addr #6 {
start:
  %_3 = load i32, ptr %amount, align 4
  %0 = load i32, ptr %target, align 4
  %1 = add i32 %0, %_3
  store i32 %1, ptr %target, align 4
  ret void
}

define void @pipeline::add_to_raw(ptr noundef %target, ptr noundef %amount) unnamed_addr #6 {
start:
  %_3 = load i32, ptr %amount, align 4
  %0 = load i32, ptr %target, align 4
  %1 = add i32 %0, %_3
  store i32 %1, ptr %target, align 4
  ret void
}
