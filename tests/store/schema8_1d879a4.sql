-- A project file of schema 8 made by qda at commit 1d879a4, before sentences started with the marks that open
-- them (1ed79b9): its stored sentences end 'Buenos días, doctora. ¿' and start 'Cuántos casos...'. Made by
-- `qda init`, `qda import --language es` of two fictional Spanish interviews (a judge in Huamanga, a CEM
-- worker in Comas, a Quechua phrase), three codes and seven codings of two coders (`qda codings --add`).
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO project VALUES('name','old');
INSERT INTO project VALUES('description','');
INSERT INTO project VALUES('created','2026-12-01T16:34:17.996215+00:00');
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    words INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    imported TEXT NOT NULL,
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
INSERT INTO documents VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39','huamanga','225955aa01d7e2081b7d3464072d90ac955d590d3a7f8b9bfd7fa4142398f25f',42,301,'es','huamanga.txt','2026-12-01T16:34:19.621120+00:00',1,replace('ENTREVISTADORA: Buenos días, doctora. ¿Cuántos casos llegan al juzgado cada mes? ¡Son muchos, imagino!\n\nJUEZA: Unos cuarenta. «No tenemos tiempo», dice el secretario. ¿Y las medidas de protección? Salen tarde.\n\nJUEZA: La señora habló en quechua: "manam yanapawankichu". Nadie tradujo. ¡Qué vergüenza!\n','\n',char(10)));
INSERT INTO documents VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c','comas','f84190dad16e82e8234cb33735a6227fa02c1cbba04ce8aa7bfc6fcaef5c28ec',27,169,'es','comas.txt','2026-12-01T16:34:19.630485+00:00',2,replace('ENTREVISTADOR: Gracias por venir. ¿Desde cuándo trabaja en el CEM de Comas?\n\nOPERADORA: Desde 2019. ¡Uf, han sido años duros! «Vuelva mañana», le dicen en la comisaría.\n','\n',char(10)));
CREATE TABLE document_attributes (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (document_id, name)
);
CREATE TABLE turns (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO turns VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',0,'ENTREVISTADORA',0,102);
INSERT INTO turns VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',1,'JUEZA',104,209);
INSERT INTO turns VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',2,'JUEZA',211,300);
INSERT INTO turns VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',0,'ENTREVISTADOR',0,75);
INSERT INTO turns VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',1,'OPERADORA',77,168);
CREATE TABLE sentences (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',0,16,39);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',1,39,82);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',2,82,102);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',3,111,127);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',4,127,168);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',5,168,196);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',6,197,209);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',7,218,269);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',8,270,286);
INSERT INTO sentences VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',9,286,300);
INSERT INTO sentences VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',0,15,35);
INSERT INTO sentences VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',1,35,75);
INSERT INTO sentences VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',2,88,101);
INSERT INTO sentences VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',3,101,127);
INSERT INTO sentences VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',4,127,168);
CREATE TABLE paragraphs (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO paragraphs VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',0,0,102);
INSERT INTO paragraphs VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',1,104,209);
INSERT INTO paragraphs VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',2,211,300);
INSERT INTO paragraphs VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',0,0,75);
INSERT INTO paragraphs VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',1,77,168);
CREATE TABLE cues (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    time_start REAL NOT NULL,
    time_end REAL NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE TABLE codes (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES codes (id),
    name TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    when_to_use TEXT NOT NULL DEFAULT '',
    when_not_to_use TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO codes VALUES('05b5b95b-ab59-46ca-a06a-5dc17f3e02c7',NULL,'Institutional response','','','','','',0);
INSERT INTO codes VALUES('d9cb90c5-f9ed-434b-b74a-23b4791c1a21',NULL,'Language barrier','','','','','',1);
INSERT INTO codes VALUES('dbe82923-de16-466a-b471-531682bd00a5',NULL,'Rapport','','','','','',2);
CREATE TABLE coders (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
INSERT INTO coders VALUES('ed5298cf-8acb-47ab-a7c5-ea7dd7cb12cb','root','2026-12-01T16:34:20.080667+00:00');
INSERT INTO coders VALUES('4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d','ana','2026-12-01T16:34:23.897940+00:00');
INSERT INTO coders VALUES('d3d7f30b-a012-4551-9cd0-1b130b36db01','luis','2026-12-01T16:34:23.898464+00:00');
CREATE TABLE codings (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    code_id TEXT NOT NULL REFERENCES codes (id),
    coder_id TEXT NOT NULL REFERENCES coders (id),
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    created TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '', start_word INTEGER, end_word INTEGER,
    CHECK (start_offset >= 0 AND end_offset > start_offset)
);
INSERT INTO codings VALUES('3ecf393f-16cb-4363-a80e-67d1a39db23d','06ec82b8-d0a4-4d83-8053-59b2a57aaf39','05b5b95b-ab59-46ca-a06a-5dc17f3e02c7','4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d',38,80,'2026-12-01T16:34:23.898345+00:00','',4,11);
INSERT INTO codings VALUES('b2641228-fef3-44d7-8df1-c8d8f773e7a5','06ec82b8-d0a4-4d83-8053-59b2a57aaf39','d9cb90c5-f9ed-434b-b74a-23b4791c1a21','4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d',246,268,'2026-12-01T16:34:23.898390+00:00','',36,38);
INSERT INTO codings VALUES('07f54b50-aa3b-492c-9ca5-8f19069b8940','06ec82b8-d0a4-4d83-8053-59b2a57aaf39','05b5b95b-ab59-46ca-a06a-5dc17f3e02c7','4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d',270,284,'2026-12-01T16:34:23.898413+00:00','',38,40);
INSERT INTO codings VALUES('57c9a562-d5ab-4c1d-99ae-7b06955b3dc1','06ec82b8-d0a4-4d83-8053-59b2a57aaf39','d9cb90c5-f9ed-434b-b74a-23b4791c1a21','4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d',270,284,'2026-12-01T16:34:23.898435+00:00','',38,40);
INSERT INTO codings VALUES('42409747-16ab-4815-a829-f3ecc8ca1b65','06ec82b8-d0a4-4d83-8053-59b2a57aaf39','05b5b95b-ab59-46ca-a06a-5dc17f3e02c7','d3d7f30b-a012-4551-9cd0-1b130b36db01',197,209,'2026-12-01T16:34:23.898489+00:00','',28,30);
INSERT INTO codings VALUES('e6efb233-1172-4101-859a-78db48e6857c','1b17434d-3539-4ddf-bc4c-8b44ff84be2c','05b5b95b-ab59-46ca-a06a-5dc17f3e02c7','d3d7f30b-a012-4551-9cd0-1b130b36db01',126,168,'2026-12-01T16:34:23.898518+00:00','',20,27);
INSERT INTO codings VALUES('3a3a4908-f1b3-4d31-b01c-0bdaaaf34d19','06ec82b8-d0a4-4d83-8053-59b2a57aaf39','dbe82923-de16-466a-b471-531682bd00a5','4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d',16,37,'2026-12-01T16:34:29.058722+00:00','',1,4);
CREATE TABLE memos (
    id TEXT PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'code')),
    target_id TEXT NOT NULL,
    coder_id TEXT NOT NULL REFERENCES coders (id),
    body TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    UNIQUE (target_kind, target_id, coder_id)
);
CREATE TABLE progress (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders (id),
    done TEXT NOT NULL,
    PRIMARY KEY (document_id, coder_id)
);
CREATE TABLE coder_state (
    coder_id TEXT NOT NULL REFERENCES coders (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (coder_id, key)
);
CREATE TABLE actions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    coder_id TEXT REFERENCES coders (id),
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    forward TEXT NOT NULL,
    inverse TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'discarded', 'log')),
    target_seq INTEGER,
    created TEXT NOT NULL
);
INSERT INTO actions VALUES(1,NULL,'import','imported huamanga (42 words) from huamanga.txt','[]','[]','log',NULL,'2026-12-01T16:34:19.630323+00:00');
INSERT INTO actions VALUES(2,NULL,'import','imported comas (27 words) from comas.txt','[]','[]','log',NULL,'2026-12-01T16:34:19.630730+00:00');
INSERT INTO actions VALUES(3,'ed5298cf-8acb-47ab-a7c5-ea7dd7cb12cb','add_code','add code Institutional response','[{"op": "insert", "table": "codes", "row": {"id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "parent_id": null, "name": "Institutional response", "definition": "", "when_to_use": "", "when_not_to_use": "", "example": "", "colour": "", "position": 0}}]','[{"op": "delete", "table": "codes", "row": {"id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "parent_id": null, "name": "Institutional response", "definition": "", "when_to_use": "", "when_not_to_use": "", "example": "", "colour": "", "position": 0}}]','done',NULL,'2026-12-01T16:34:20.084837+00:00');
INSERT INTO actions VALUES(4,'ed5298cf-8acb-47ab-a7c5-ea7dd7cb12cb','add_code','add code Language barrier','[{"op": "insert", "table": "codes", "row": {"id": "d9cb90c5-f9ed-434b-b74a-23b4791c1a21", "parent_id": null, "name": "Language barrier", "definition": "", "when_to_use": "", "when_not_to_use": "", "example": "", "colour": "", "position": 1}}]','[{"op": "delete", "table": "codes", "row": {"id": "d9cb90c5-f9ed-434b-b74a-23b4791c1a21", "parent_id": null, "name": "Language barrier", "definition": "", "when_to_use": "", "when_not_to_use": "", "example": "", "colour": "", "position": 1}}]','done',NULL,'2026-12-01T16:34:20.311844+00:00');
INSERT INTO actions VALUES(5,'4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d','add_codings','add 4 codings','[{"op": "insert", "table": "codings", "row": {"id": "3ecf393f-16cb-4363-a80e-67d1a39db23d", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 38, "end_offset": 80, "created": "2026-12-01T16:34:23.898345+00:00", "memo": ""}}, {"op": "insert", "table": "codings", "row": {"id": "b2641228-fef3-44d7-8df1-c8d8f773e7a5", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "d9cb90c5-f9ed-434b-b74a-23b4791c1a21", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 246, "end_offset": 268, "created": "2026-12-01T16:34:23.898390+00:00", "memo": ""}}, {"op": "insert", "table": "codings", "row": {"id": "07f54b50-aa3b-492c-9ca5-8f19069b8940", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 270, "end_offset": 284, "created": "2026-12-01T16:34:23.898413+00:00", "memo": ""}}, {"op": "insert", "table": "codings", "row": {"id": "57c9a562-d5ab-4c1d-99ae-7b06955b3dc1", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "d9cb90c5-f9ed-434b-b74a-23b4791c1a21", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 270, "end_offset": 284, "created": "2026-12-01T16:34:23.898435+00:00", "memo": ""}}]','[{"op": "delete", "table": "codings", "row": {"id": "57c9a562-d5ab-4c1d-99ae-7b06955b3dc1", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "d9cb90c5-f9ed-434b-b74a-23b4791c1a21", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 270, "end_offset": 284, "created": "2026-12-01T16:34:23.898435+00:00", "memo": ""}}, {"op": "delete", "table": "codings", "row": {"id": "07f54b50-aa3b-492c-9ca5-8f19069b8940", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 270, "end_offset": 284, "created": "2026-12-01T16:34:23.898413+00:00", "memo": ""}}, {"op": "delete", "table": "codings", "row": {"id": "b2641228-fef3-44d7-8df1-c8d8f773e7a5", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "d9cb90c5-f9ed-434b-b74a-23b4791c1a21", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 246, "end_offset": 268, "created": "2026-12-01T16:34:23.898390+00:00", "memo": ""}}, {"op": "delete", "table": "codings", "row": {"id": "3ecf393f-16cb-4363-a80e-67d1a39db23d", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 38, "end_offset": 80, "created": "2026-12-01T16:34:23.898345+00:00", "memo": ""}}]','done',NULL,'2026-12-01T16:34:23.899159+00:00');
INSERT INTO actions VALUES(6,'d3d7f30b-a012-4551-9cd0-1b130b36db01','add_codings','add 2 codings','[{"op": "insert", "table": "codings", "row": {"id": "42409747-16ab-4815-a829-f3ecc8ca1b65", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "d3d7f30b-a012-4551-9cd0-1b130b36db01", "start_offset": 197, "end_offset": 209, "created": "2026-12-01T16:34:23.898489+00:00", "memo": ""}}, {"op": "insert", "table": "codings", "row": {"id": "e6efb233-1172-4101-859a-78db48e6857c", "document_id": "1b17434d-3539-4ddf-bc4c-8b44ff84be2c", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "d3d7f30b-a012-4551-9cd0-1b130b36db01", "start_offset": 126, "end_offset": 168, "created": "2026-12-01T16:34:23.898518+00:00", "memo": ""}}]','[{"op": "delete", "table": "codings", "row": {"id": "e6efb233-1172-4101-859a-78db48e6857c", "document_id": "1b17434d-3539-4ddf-bc4c-8b44ff84be2c", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "d3d7f30b-a012-4551-9cd0-1b130b36db01", "start_offset": 126, "end_offset": 168, "created": "2026-12-01T16:34:23.898518+00:00", "memo": ""}}, {"op": "delete", "table": "codings", "row": {"id": "42409747-16ab-4815-a829-f3ecc8ca1b65", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "05b5b95b-ab59-46ca-a06a-5dc17f3e02c7", "coder_id": "d3d7f30b-a012-4551-9cd0-1b130b36db01", "start_offset": 197, "end_offset": 209, "created": "2026-12-01T16:34:23.898489+00:00", "memo": ""}}]','done',NULL,'2026-12-01T16:34:23.899511+00:00');
INSERT INTO actions VALUES(7,'ed5298cf-8acb-47ab-a7c5-ea7dd7cb12cb','add_code','add code Rapport','[{"op": "insert", "table": "codes", "row": {"id": "dbe82923-de16-466a-b471-531682bd00a5", "parent_id": null, "name": "Rapport", "definition": "", "when_to_use": "", "when_not_to_use": "", "example": "", "colour": "", "position": 2}}]','[{"op": "delete", "table": "codes", "row": {"id": "dbe82923-de16-466a-b471-531682bd00a5", "parent_id": null, "name": "Rapport", "definition": "", "when_to_use": "", "when_not_to_use": "", "example": "", "colour": "", "position": 2}}]','done',NULL,'2026-12-01T16:34:28.173362+00:00');
INSERT INTO actions VALUES(8,'4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d','add_codings','code huamanga [16, 37) as Rapport','[{"op": "insert", "table": "codings", "row": {"id": "3a3a4908-f1b3-4d31-b01c-0bdaaaf34d19", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "dbe82923-de16-466a-b471-531682bd00a5", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 16, "end_offset": 37, "created": "2026-12-01T16:34:29.058722+00:00", "memo": ""}}]','[{"op": "delete", "table": "codings", "row": {"id": "3a3a4908-f1b3-4d31-b01c-0bdaaaf34d19", "document_id": "06ec82b8-d0a4-4d83-8053-59b2a57aaf39", "code_id": "dbe82923-de16-466a-b471-531682bd00a5", "coder_id": "4f47bbc0-f0e7-4c14-b8a6-c75c4b4fac6d", "start_offset": 16, "end_offset": 37, "created": "2026-12-01T16:34:29.058722+00:00", "memo": ""}}]','done',NULL,'2026-12-01T16:34:29.059202+00:00');
CREATE TABLE document_sets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE TABLE document_set_members (
    set_id TEXT NOT NULL REFERENCES document_sets (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, document_id)
);
CREATE TABLE saved_queries (
    name TEXT PRIMARY KEY,
    query_text TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE TABLE word_starts (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    starts BLOB NOT NULL
);
INSERT INTO word_starts VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39',X'0000000010000000170000001d000000270000002f000000350000003c0000003f000000470000004c00000052000000560000005e000000680000006f000000740000007f000000820000008a00000093000000980000009b000000a8000000aa000000ae000000b6000000b9000000c5000000cb000000d3000000da000000dd000000e4000000ea000000ed000000f7000000fd0000000e010000140100001e01000022010000');
INSERT INTO word_starts VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c',X'000000000f000000170000001b000000230000002900000030000000380000003b0000003e00000042000000450000004d000000580000005e00000065000000690000006d00000072000000770000007f000000860000008f00000092000000980000009b0000009e000000');
CREATE TABLE unit_bounds (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    unit TEXT NOT NULL CHECK (unit IN ('sentence', 'paragraph', 'turn')),
    bounds BLOB NOT NULL,
    PRIMARY KEY (document_id, unit)
);
INSERT INTO unit_bounds VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39','sentence',X'1000000027000000270000005200000052000000660000006f0000007f0000007f000000a8000000a8000000c4000000c5000000d1000000da0000000d0100000e0100001e0100001e0100002c010000');
INSERT INTO unit_bounds VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39','paragraph',X'000000006600000068000000d1000000d30000002c010000');
INSERT INTO unit_bounds VALUES('06ec82b8-d0a4-4d83-8053-59b2a57aaf39','turn',X'000000006600000068000000d1000000d30000002c010000');
INSERT INTO unit_bounds VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c','sentence',X'0f00000023000000230000004b0000005800000065000000650000007f0000007f000000a8000000');
INSERT INTO unit_bounds VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c','paragraph',X'000000004b0000004d000000a8000000');
INSERT INTO unit_bounds VALUES('1b17434d-3539-4ddf-bc4c-8b44ff84be2c','turn',X'000000004b0000004d000000a8000000');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('actions',8);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_position ON documents (position);
CREATE INDEX codes_parent ON codes (parent_id);
CREATE INDEX codings_coder ON codings (coder_id);
CREATE INDEX actions_coder_state ON actions (coder_id, state, seq);
CREATE INDEX document_set_members_document ON document_set_members (document_id);
CREATE INDEX codings_document ON codings (document_id, start_offset, end_offset);
CREATE INDEX codings_with_memo ON codings (document_id) WHERE memo <> '';
CREATE INDEX codings_without_words ON codings (document_id) WHERE start_word IS NULL OR end_word IS NULL;
CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id, start_offset, end_offset, start_word, end_word);
COMMIT;
