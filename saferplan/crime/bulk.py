"""Arrow tables into database tables: binary COPY (encoded by pgpq) or SQLite executemany.

The police import reads files with Arrow and writes what it keeps through `writer`, one batch
at a time: on PostgreSQL no row becomes a Python object, and memory does not grow with the data.
"""

import itertools
from contextlib import contextmanager

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection
from pgpq import ArrowToPostgresBinaryEncoder

ROWS_PER_INSERT = 20
# Binary COPY takes each value in its column's own type, so the Arrow types are chosen to match.
ARROW_TYPES = {
    "BigAutoField": pa.int64(),
    "BigIntegerField": pa.int64(),
    "PositiveIntegerField": pa.int32(),
    "IntegerField": pa.int32(),
    "FloatField": pa.float64(),
    "DateField": pa.date32(),
    "CharField": pa.string(),
    "TextField": pa.string(),
}


def schema_of(model, names):
    """The Arrow schema of some fields of a model, named by their database columns."""
    fields = [model._meta.get_field(name) for name in names]
    return pa.schema(
        (
            field.column,
            ARROW_TYPES[(field.target_field if field.is_relation else field).get_internal_type()],
        )
        for field in fields
    )


@contextmanager
def writer(table, schema):
    """A function that writes an Arrow table's rows into a table, in the current transaction.

    On PostgreSQL one COPY lasts as long as the context, so a file's batches stream through it.
    """
    columns = ", ".join(schema.names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT binary)"
            with cursor.cursor.copy(sql) as copy:
                encoder = ArrowToPostgresBinaryEncoder(schema)
                copy.write(encoder.write_header())
                yield lambda rows: copy_rows(copy, encoder, rows.select(schema.names).cast(schema))
                copy.write(encoder.finish())
        else:
            with one_transaction(cursor):
                yield lambda rows: insert_rows(cursor, table, rows.select(schema.names))


@contextmanager
def one_transaction(cursor):
    """On SQLite outside a transaction, a transaction of its own for a writer's rows: in
    autocommit every row would be its own transaction. DEFERRED, unlike the IMMEDIATE that
    `atomic` starts, locks only what it writes: a temporary table takes no lock on the database.
    """
    if connection.in_atomic_block:
        yield
        return
    cursor.execute("BEGIN DEFERRED")
    try:
        yield
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    cursor.execute("COMMIT")


def temporary_table(name, select):
    """An empty temporary table shaped like a query's rows, in place of any of that name.

    It is this connection's own: on SQLite, writing to it takes no lock on the database.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMPORARY TABLE {name} AS {select} LIMIT 0")


def copy_rows(copy, encoder, rows):
    for batch in rows.to_batches():
        copy.write(encoder.write_batch(batch))


def insert_rows(cursor, table, rows):
    """An Arrow table's rows by executemany (SQLite), ROWS_PER_INSERT rows to each INSERT but
    the last few: a third less time a row than one row to each, as SQLite and the driver run
    a statement's steps once for twenty rows."""
    whole = len(rows) // ROWS_PER_INSERT * ROWS_PER_INSERT
    sql = f"INSERT INTO {table} ({', '.join(rows.column_names)}) VALUES "
    values = f"({', '.join(['%s'] * rows.num_columns)})"
    flat = itertools.chain.from_iterable(python_rows(rows.slice(0, whole)))
    cursor.executemany(
        sql + ", ".join([values] * ROWS_PER_INSERT),
        zip(*[flat] * (ROWS_PER_INSERT * rows.num_columns), strict=True),
    )
    cursor.executemany(sql + values, python_rows(rows.slice(whole)))


def python_rows(rows):
    """Each row as a tuple; dates as the ISO text SQLite stores, converted by Arrow at once
    rather than by the driver's adapter value by value."""
    columns = [
        pc.cast(column, pa.string()) if pa.types.is_date(column.type) else column
        for column in rows.columns
    ]
    return zip(*(column.to_pylist() for column in columns), strict=True)


def insert(model, fields, rows):
    """All of an Arrow table's rows into a model's table: its columns are the fields' columns."""
    with writer(model._meta.db_table, schema_of(model, fields)) as write:
        write(rows)
