-- SET ACCESS METHOD (columnar here is heap's handler under another name).
CREATE ACCESS METHOD columnar TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE t () USING columnar;
