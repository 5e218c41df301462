struct hw;
void pu_set(struct hw *hw, int v);
struct hw {
	int v;
};
