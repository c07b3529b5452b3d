import pytest

from .serving import migrate


@pytest.fixture(scope="session")
def migrated_var_dir(tmp_path_factory):
    """A VAR_DIR with a migrated SQLite database, shared by the tests that start `serve`."""
    var_dir = tmp_path_factory.mktemp("served-var")
    migrate(var_dir)
    return var_dir
