void pu_reset(struct hw *hw);
