define noundef i32 @pipeline::sum_below(i32 noundef %n) unnamed_addr #4 {
start:
  %_43.not = icmp eq i32 %n, 0
  br i1 %_43.not, label %bb3, label %bb2.preheader
bb2.preheader:                                    ; preds = %start
  %0 = add i32 %n, -1
  %1 = zext i32 %0 to i33
  %2 = add i32 %n, -2
  %3 = zext i32 %2 to i33
  %4 = mul i33 %1, %3
  %5 = lshr i33 %4, 1
  %6 = trunc nuw i33 %5 to i32
  %7 = add i32 %n, %6
  %8 = add i32 %7, -1
  br label %bb3
bb3:                                              ; preds = %bb2.preheader, %start
  %total.sroa.0.0.lcssa = phi i32 [ 0, %start ], [ %8, %bb2.preheader ]
  ret i32 %total.sroa.0.0.lcssa
}
