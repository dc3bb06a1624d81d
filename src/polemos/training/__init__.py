"""Training polemos's learned components from annotations: above the pipeline, since it runs
the pipeline over the annotated text, and beside evaluation, whose scores it reports."""
