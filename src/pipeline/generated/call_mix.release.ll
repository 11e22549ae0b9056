define noundef i64 @pipeline::call_mix(i64 noundef %x) unnamed_addr #5 personality ptr @rust_eh_personality {
start:
  %_2.i = lshr i64 %x, 33
  %0 = xor i64 %_2.i, %x
  %_4.i = mul i64 %0, -49064778989728563
  %_5.i = lshr i64 %_4.i, 33
  %1 = xor i64 %_5.i, %_4.i
  %_7.i = mul i64 %1, -4265267296055464877
  %_8.i = lshr i64 %_7.i, 33
  %2 = xor i64 %_8.i, %_7.i
  %3 = tail call noundef i64 @llvm.fshl.i64(i64 %2, i64 %2, i64 17)
  %4 = add i64 %3, -7046029254386353131
  %_11.i = lshr i64 %4, 29
  %5 = xor i64 %_11.i, %4
  %_13.i = mul i64 %5, -4658895280553007687
  %_14.i = lshr i64 %_13.i, 27
  %6 = xor i64 %_14.i, %_13.i
  %_16.i = mul i64 %6, -7723592293110705685
  %_17.i = lshr i64 %_16.i, 31
  %7 = xor i64 %_17.i, %_16.i
  %8 = tail call noundef i64 @llvm.fshl.i64(i64 %7, i64 %7, i64 41)
  %9 = add i64 %8, -2685821657736338717
  %_20.i = lshr i64 %9, 33
  %10 = xor i64 %_20.i, %9
  %_22.i = mul i64 %10, -49064778989728563
  %_23.i = lshr i64 %_22.i, 33
  %11 = xor i64 %_23.i, %_22.i
  %_0 = add i64 %11, 1
  ret i64 %_0
}
