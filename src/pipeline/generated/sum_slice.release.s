pipeline::sum_slice:
    testq    %rsi, %rsi
    je    .LBB14_1
    cmpq    $4, %rsi
    jae    .LBB14_5
    xorl    %ecx, %ecx
    xorl    %eax, %eax
    jmp    .LBB14_4
.LBB14_1:
    xorl    %eax, %eax
    retq
.LBB14_5:
    movabsq    $1152921504606846972, %rcx
    andq    %rsi, %rcx
    leaq    (,%rsi,8), %rax
    andq    $-32, %rax
    pxor    %xmm0, %xmm0
    xorl    %edx, %edx
    pxor    %xmm1, %xmm1
.LBB14_6:
    movdqu    (%rdi,%rdx), %xmm2
    paddq    %xmm2, %xmm1
    movdqu    16(%rdi,%rdx), %xmm2
    paddq    %xmm2, %xmm0
    addq    $32, %rdx
    cmpq    %rdx, %rax
    jne    .LBB14_6
    paddq    %xmm1, %xmm0
    pshufd    $238, %xmm0, %xmm1
    paddq    %xmm0, %xmm1
    movq    %xmm1, %rax
    jmp    .LBB14_8
.LBB14_4:
    addq    (%rdi,%rcx,8), %rax
    incq    %rcx
.LBB14_8:
    cmpq    %rcx, %rsi
    jne    .LBB14_4
    retq
