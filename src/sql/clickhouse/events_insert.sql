-- The shipment's events, sent as the request body (one JSON object a line).
INSERT INTO {db}.events FORMAT JSONEachRow
