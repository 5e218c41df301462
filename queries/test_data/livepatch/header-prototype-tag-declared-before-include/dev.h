void dev_reset(struct dev *d);
