/* klp-ccp: from /src/widget.h */
static void widget_paint(void);

/* klp-ccp: from /src/t.c */
#define WIDGET_H "widget.h"
#include WIDGET_H
void klpp_pu_draw(void)
{
	widget_paint();
}

