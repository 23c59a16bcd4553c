"""The tests' PostgreSQL is real: a server that answers SQL, one fresh database per test."""

from __future__ import annotations


def test_when_a_test_asks_for_postgres_then_it_gets_its_own_empty_database(
    postgres_url: str,
) -> None:
    import psycopg

    with psycopg.connect(postgres_url) as db:
        version = db.execute("SHOW server_version_num").fetchone()
        tables = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        db.execute("CREATE TABLE probe (n int)")
    assert version is not None and int(version[0]) >= 130000
    assert tables == (0,)
