// gcc 13
__bf16 i;