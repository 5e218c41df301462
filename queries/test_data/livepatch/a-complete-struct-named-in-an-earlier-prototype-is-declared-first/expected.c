/* klp-ccp: from /src/internal.h */
struct hw;

void klpp_pu_set(struct hw *hw, int v);

struct hw {
	int v;
};


/* klp-ccp: from /src/t.c */
void klpp_pu_set(struct hw *hw, int v)
{
	hw->v = v;
}

