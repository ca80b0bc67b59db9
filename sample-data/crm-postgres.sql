-- Sample CRM table for jobs/nightly-crm-jdbc.yml.
--   psql -h 127.0.0.1 -U postgres -d test -f sample-data/crm-postgres.sql
DROP TABLE IF EXISTS crm_leads;
CREATE TABLE crm_leads (
    id          integer PRIMARY KEY,
    first_name  varchar(50)  NOT NULL,
    last_name   varchar(50)  NOT NULL,
    mobile      varchar(30),
    home_phone  varchar(30),
    email       varchar(120),
    postcode    varchar(10),
    updated_at  timestamp    NOT NULL DEFAULT now()
);
CREATE INDEX crm_leads_updated_at ON crm_leads (updated_at);

INSERT INTO crm_leads (id, first_name, last_name, mobile, home_phone, email, postcode, updated_at) VALUES
 (1,  'Nadia',   'Hussain',  '07911 123456',       '0113 234 5678',  'nadia.hussain@example.com',  'LS6 2AB',  '2025-03-01 08:15:00'),
 (2,  'Callum',  'Fraser',   '+44 7712 345678',    NULL,             'callum.fraser@example.com',  'EH2 2AN',  '2025-03-01 09:02:00'),
 (3,  'Bethany', 'Lloyd',    '07828123456',        '029 2034 5678',  'beth.lloyd@example.co.uk',   'CF10 1AA', '2025-03-01 10:40:00'),
 (4,  'Kieran',  'Doyle',    '0044 7456 123456',   NULL,             NULL,                         'BT1 1AA',  '2025-03-02 11:05:00'),
 (5,  'Megan',   'Price',    '7981654321',         '0161 234 5678',  'megan.price@example.com',    'M1 4BT',   '2025-03-02 14:30:00'),
 (6,  'Rhys',    'Owen',     '07523-456-789',      NULL,             'rhys.owen@example.com',      'SA1 1NW',  '2025-03-03 09:45:00'),
 (7,  'Zara',    'Ali',      NULL,                 '020 7123 4567',  'zara.ali@example.com',       'SW1A 1AA', '2025-03-03 16:20:00'),
 (8,  'Connor',  'Walsh',    'not given',          NULL,             'connor.walsh@example.com',   'L3 4AA',   '2025-03-04 12:00:00'),
 (9,  'Imogen',  'Shaw',     '07340 112233',       '0117 925 1234',  'imogen.shaw@example.com',    'BS1 5TR',  '2025-03-04 17:10:00'),
 (10, 'Nadia',   'Hussain',  '447911123456',       NULL,             'NADIA.HUSSAIN@EXAMPLE.COM',  'LS6 2AB',  '2025-03-05 08:00:00'),
 (11, 'Euan',    'Stewart',  '07400 123456',       '0131 226 1234',  'euan.stewart@example.com',   'EH1 1AA',  '2025-03-05 13:25:00'),
 (12, 'Holly',   'Parry',    '07985 111222',       NULL,             'holly.parry@example.com',    'YO1 7HH',  '2025-03-06 10:10:00');
