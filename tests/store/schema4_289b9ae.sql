-- A project file of schema 4 made by qda at commit 289b9ae (before schema 5's stored word starts), as SQL:
-- `qda init --from` an NVivo-shaped .qdpx (UTF-16 positions, CRLF, an emoji, CJK, Arabic, an empty source)
-- and `qda import` of a text with combining accents NFC composes and one it cannot (q + U+0307);
-- two coders, a coding spanning both turns of a document.  Fictional text.
BEGIN TRANSACTION;
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
INSERT INTO "actions" VALUES(1,NULL,'import','imported Interview 1 (23 words) from nvivo.qdpx','[]','[]','log',NULL,'2026-12-01T00:12:03.181560+00:00');
INSERT INTO "actions" VALUES(2,NULL,'import','imported Interview 2 (7 words) from nvivo.qdpx','[]','[]','log',NULL,'2026-12-01T00:12:03.181699+00:00');
INSERT INTO "actions" VALUES(3,NULL,'import','imported Interview 3 (0 words) from nvivo.qdpx','[]','[]','log',NULL,'2026-12-01T00:12:03.181735+00:00');
INSERT INTO "actions" VALUES(4,NULL,'insert_records','created from nvivo.qdpx','[]','[]','log',NULL,'2026-12-01T00:12:03.181922+00:00');
INSERT INTO "actions" VALUES(5,NULL,'import','imported combining (14 words) from combining.txt','[]','[]','log',NULL,'2026-12-01T00:12:21.589189+00:00');
INSERT INTO "actions" VALUES(6,'11111111-1111-1111-1111-111111111111','add_codings','code combining [0, 92) as Family','[{"op": "insert", "table": "codings", "row": {"id": "051ec68e-1169-4f6c-972c-897946247bbc", "document_id": "78d17189-52a4-4ab0-a98f-df59591fd4a2", "code_id": "aaaaaaaa-0000-0000-0000-000000000004", "coder_id": "11111111-1111-1111-1111-111111111111", "start_offset": 0, "end_offset": 92, "created": "2026-12-01T00:12:27.278996+00:00", "memo": "spans both turns"}}]','[{"op": "delete", "table": "codings", "row": {"id": "051ec68e-1169-4f6c-972c-897946247bbc", "document_id": "78d17189-52a4-4ab0-a98f-df59591fd4a2", "code_id": "aaaaaaaa-0000-0000-0000-000000000004", "coder_id": "11111111-1111-1111-1111-111111111111", "start_offset": 0, "end_offset": 92, "created": "2026-12-01T00:12:27.278996+00:00", "memo": "spans both turns"}}]','done',NULL,'2026-12-01T00:12:27.279244+00:00');
INSERT INTO "actions" VALUES(7,'22222222-2222-2222-2222-222222222222','add_codings','code combining [42, 70) as Police > Distrust','[{"op": "insert", "table": "codings", "row": {"id": "c6e8d3e5-bcfe-443f-a1e2-91f0e2a7c5dd", "document_id": "78d17189-52a4-4ab0-a98f-df59591fd4a2", "code_id": "aaaaaaaa-0000-0000-0000-000000000001", "coder_id": "22222222-2222-2222-2222-222222222222", "start_offset": 42, "end_offset": 70, "created": "2026-12-01T00:12:27.343967+00:00", "memo": ""}}]','[{"op": "delete", "table": "codings", "row": {"id": "c6e8d3e5-bcfe-443f-a1e2-91f0e2a7c5dd", "document_id": "78d17189-52a4-4ab0-a98f-df59591fd4a2", "code_id": "aaaaaaaa-0000-0000-0000-000000000001", "coder_id": "22222222-2222-2222-2222-222222222222", "start_offset": 42, "end_offset": 70, "created": "2026-12-01T00:12:27.343967+00:00", "memo": ""}}]','done',NULL,'2026-12-01T00:12:27.344141+00:00');
CREATE TABLE coder_state (
    coder_id TEXT NOT NULL REFERENCES coders (id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (coder_id, key)
);
CREATE TABLE coders (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
INSERT INTO "coders" VALUES('11111111-1111-1111-1111-111111111111','Ana','2026-12-01T00:12:03.180889+00:00');
INSERT INTO "coders" VALUES('22222222-2222-2222-2222-222222222222','Ben','2026-12-01T00:12:03.180889+00:00');
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
INSERT INTO "codes" VALUES('aaaaaaaa-0000-0000-0000-000000000003',NULL,'Police','','','','','',0);
INSERT INTO "codes" VALUES('aaaaaaaa-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000003','Distrust','','','','','',0);
INSERT INTO "codes" VALUES('aaaaaaaa-0000-0000-0000-000000000002','aaaaaaaa-0000-0000-0000-000000000003','Dismissal','','','','','',1);
INSERT INTO "codes" VALUES('aaaaaaaa-0000-0000-0000-000000000004',NULL,'Family','','','','','',1);
INSERT INTO "codes" VALUES('aaaaaaaa-0000-0000-0000-000000000009',NULL,'Never used','','','','','',2);
CREATE TABLE codings (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    code_id TEXT NOT NULL REFERENCES codes (id),
    coder_id TEXT NOT NULL REFERENCES coders (id),
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    created TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    CHECK (start_offset >= 0 AND end_offset > start_offset)
);
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000006','bbbbbbbb-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000002','22222222-2222-2222-2222-222222222222',0,25,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000001','bbbbbbbb-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000001','11111111-1111-1111-1111-111111111111',31,51,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000002','bbbbbbbb-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000001','22222222-2222-2222-2222-222222222222',31,62,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000003','bbbbbbbb-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000002','11111111-1111-1111-1111-111111111111',91,106,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000004','bbbbbbbb-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000001','11111111-1111-1111-1111-111111111111',107,125,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000005','bbbbbbbb-0000-0000-0000-000000000001','aaaaaaaa-0000-0000-0000-000000000004','22222222-2222-2222-2222-222222222222',126,142,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000007','bbbbbbbb-0000-0000-0000-000000000002','aaaaaaaa-0000-0000-0000-000000000001','11111111-1111-1111-1111-111111111111',22,29,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000009','bbbbbbbb-0000-0000-0000-000000000002','aaaaaaaa-0000-0000-0000-000000000004','11111111-1111-1111-1111-111111111111',22,36,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('dddddddd-0000-0000-0000-000000000008','bbbbbbbb-0000-0000-0000-000000000002','aaaaaaaa-0000-0000-0000-000000000002','22222222-2222-2222-2222-222222222222',30,48,'2024-01-02T03:04:05Z','');
INSERT INTO "codings" VALUES('051ec68e-1169-4f6c-972c-897946247bbc','78d17189-52a4-4ab0-a98f-df59591fd4a2','aaaaaaaa-0000-0000-0000-000000000004','11111111-1111-1111-1111-111111111111',0,92,'2026-12-01T00:12:27.278996+00:00','spans both turns');
INSERT INTO "codings" VALUES('c6e8d3e5-bcfe-443f-a1e2-91f0e2a7c5dd','78d17189-52a4-4ab0-a98f-df59591fd4a2','aaaaaaaa-0000-0000-0000-000000000001','22222222-2222-2222-2222-222222222222',42,70,'2026-12-01T00:12:27.343967+00:00','');
CREATE TABLE cues (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    time_start REAL NOT NULL,
    time_end REAL NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE TABLE document_attributes (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (document_id, name)
);
CREATE TABLE document_set_members (
    set_id TEXT NOT NULL REFERENCES document_sets (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, document_id)
);
CREATE TABLE document_sets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
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
INSERT INTO "documents" VALUES('bbbbbbbb-0000-0000-0000-000000000001','Interview 1','e5795aa5a09729155f09bf9c0b7a5e79a3e5fc527af494f9d3b8b23bfa284753',23,143,'es','nvivo.qdpx','2026-12-01T00:12:03.181342+00:00',1,'INTERVIEWER: ¿Qué pasó? 😀
P01: Fui a la comisaría 🚓 dos veces.
INTERVIEWER: ¿Y luego?
P01: No me creyeron. El policía se rió. Familia primero.
');
INSERT INTO "documents" VALUES('bbbbbbbb-0000-0000-0000-000000000002','Interview 2','c541a26700ece87e107d6a216a4f4d13e3c688c36ea5073bf277d493e92313e8',7,49,'und','nvivo.qdpx','2026-12-01T00:12:03.181661+00:00',2,'INTERVIEWER: 你好。
P02: 警察不相信我。 الشرطة لم تساعدني.
');
INSERT INTO "documents" VALUES('bbbbbbbb-0000-0000-0000-000000000003','Interview 3','e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',0,0,'und','nvivo.qdpx','2026-12-01T00:12:03.181717+00:00',3,'');
INSERT INTO "documents" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2','combining','8d2bd8fbdbc19297a7fc655abf342b7c8c945ab8554e18d8ef8033b6f2f366b6',14,92,'es','combining.txt','2026-12-01T00:12:21.588789+00:00',4,'INTERVIEWER: Café y niña? q̇ marks.

P04: La fiscalía archivó el caso. well-known l’enfant.
');
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
CREATE TABLE paragraphs (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO "paragraphs" VALUES('bbbbbbbb-0000-0000-0000-000000000001',0,0,142);
INSERT INTO "paragraphs" VALUES('bbbbbbbb-0000-0000-0000-000000000002',0,0,48);
INSERT INTO "paragraphs" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',0,0,35);
INSERT INTO "paragraphs" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',1,37,91);
CREATE TABLE progress (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders (id),
    done TEXT NOT NULL,
    PRIMARY KEY (document_id, coder_id)
);
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO "project" VALUES('name','Fixture');
INSERT INTO "project" VALUES('description','');
INSERT INTO "project" VALUES('created','2024-01-01T00:00:00Z');
CREATE TABLE saved_queries (
    name TEXT PRIMARY KEY,
    query_text TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE TABLE sentences (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',0,13,23);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',1,24,25);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',2,31,62);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',3,76,85);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',4,91,106);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',5,107,125);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000001',6,126,142);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000002',0,13,16);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000002',1,22,29);
INSERT INTO "sentences" VALUES('bbbbbbbb-0000-0000-0000-000000000002',2,30,48);
INSERT INTO "sentences" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',0,13,25);
INSERT INTO "sentences" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',1,26,35);
INSERT INTO "sentences" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',2,42,70);
INSERT INTO "sentences" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',3,71,91);
CREATE TABLE turns (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);
INSERT INTO "turns" VALUES('bbbbbbbb-0000-0000-0000-000000000001',0,'INTERVIEWER',0,25);
INSERT INTO "turns" VALUES('bbbbbbbb-0000-0000-0000-000000000001',1,'P01',26,62);
INSERT INTO "turns" VALUES('bbbbbbbb-0000-0000-0000-000000000001',2,'INTERVIEWER',63,85);
INSERT INTO "turns" VALUES('bbbbbbbb-0000-0000-0000-000000000001',3,'P01',86,142);
INSERT INTO "turns" VALUES('bbbbbbbb-0000-0000-0000-000000000002',0,'INTERVIEWER',0,16);
INSERT INTO "turns" VALUES('bbbbbbbb-0000-0000-0000-000000000002',1,'P02',17,48);
INSERT INTO "turns" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',0,'INTERVIEWER',0,35);
INSERT INTO "turns" VALUES('78d17189-52a4-4ab0-a98f-df59591fd4a2',1,'P04',37,91);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_position ON documents (position);
CREATE INDEX codes_parent ON codes (parent_id);
CREATE INDEX codings_coder ON codings (coder_id);
CREATE INDEX actions_coder_state ON actions (coder_id, state, seq);
CREATE INDEX document_set_members_document ON document_set_members (document_id);
CREATE INDEX codings_code_document_coder ON codings (code_id, document_id, coder_id);
CREATE INDEX codings_document ON codings (document_id, start_offset, end_offset);
CREATE INDEX codings_with_memo ON codings (document_id) WHERE memo <> '';
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('actions',7);
COMMIT;
