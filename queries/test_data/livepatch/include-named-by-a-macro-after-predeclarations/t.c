/* The #define naming the header comes right before its #include; the predeclaration
 * making the header's copied helper static does not use it and comes first. */
#define WIDGET_H "widget.h"
#include WIDGET_H

void pu_draw(void)
{
	widget_paint();
}
