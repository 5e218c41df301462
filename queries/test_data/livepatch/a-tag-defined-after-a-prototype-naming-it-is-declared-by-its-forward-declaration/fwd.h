struct hw;
