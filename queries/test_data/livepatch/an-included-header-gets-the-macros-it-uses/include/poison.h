#ifndef POISON_H
#define POISON_H
#define POISON ((void *)0x122)
#endif
