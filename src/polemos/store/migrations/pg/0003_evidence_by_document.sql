-- PostgreSQL dialect of migrations/0003_evidence_by_document.sql: keep the two in step.
-- Re-extraction deletes a document's evidence by document id: index it.
CREATE INDEX evidence_doc ON evidence(doc_id);
