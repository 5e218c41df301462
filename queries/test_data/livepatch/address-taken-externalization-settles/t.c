#include "ops.h"

void pu_setup(void)
{
	ee_open();
	ee_close();
	ee_flush();
}
