-- Re-extraction deletes a document's evidence by document id: index it.
CREATE INDEX evidence_doc ON evidence(doc_id);
