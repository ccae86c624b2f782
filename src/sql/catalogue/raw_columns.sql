-- The catalogue file's columns and their types, in the file's order.
DESCRIBE catalogue_raw;
