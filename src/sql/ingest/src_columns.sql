-- The staged source's columns and their types, in the source's order.
DESCRIBE ql_src;
