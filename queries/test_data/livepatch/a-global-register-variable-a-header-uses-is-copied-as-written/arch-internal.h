#ifndef ARCH_INTERNAL_H
#define ARCH_INTERNAL_H
register unsigned long stack_pointer asm("rsp");
#define CALL_CONSTRAINT "+r" (stack_pointer)
#endif
