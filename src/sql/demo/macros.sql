-- Pseudo-randomness from hashes, not random(): the same seed gives byte-identical files on every run and thread count.
CREATE OR REPLACE TEMP MACRO demo_u(seed, salt, a, b) AS hash(seed, salt, a, b)::DOUBLE / 18446744073709551616.0;
CREATE OR REPLACE TEMP MACRO demo_u3(seed, salt, a, b, c) AS hash(seed, salt, a, b, c)::DOUBLE / 18446744073709551616.0;
-- Box-Muller; 1 - u keeps ln away from zero.
CREATE OR REPLACE TEMP MACRO demo_normal(seed, salt, a, b) AS
  sqrt(-2 * ln(1 - demo_u(seed, salt || '.r', a, b))) * cos(2 * pi() * demo_u(seed, salt || '.t', a, b));
CREATE OR REPLACE TEMP MACRO demo_pick(list, u) AS list[1 + floor(len(list) * u)::INTEGER];
CREATE OR REPLACE TEMP MACRO demo_hms(s) AS
  lpad((s // 3600)::VARCHAR, 2, '0') || ':' || lpad((s % 3600 // 60)::VARCHAR, 2, '0') || ':' || lpad((s % 60)::VARCHAR, 2, '0');
