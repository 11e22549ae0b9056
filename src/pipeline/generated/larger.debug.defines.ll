define internal { ptr, i64 } @pipeline::larger(ptr align 1 %0, i64 %1, ptr align 1 %2, i64 %3) unnamed_addr #4 personality ptr @rust_eh_personality {
define internal double @pipeline::larger(double %0, double %1) unnamed_addr #4 personality ptr @rust_eh_personality {
define internal i32 @pipeline::larger(i32 %0, i32 %1) unnamed_addr #4 personality ptr @rust_eh_personality {
define internal i8 @pipeline::larger_u8(i8 %a, i8 %b) unnamed_addr #4 {
