void widget_paint(void)
{}
