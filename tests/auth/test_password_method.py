"""Production hashes passwords with scrypt. The tests use a fast method (tests/conftest.py:
HUB_PASSWORD_METHOD, and the dummy hash unknown usernames are checked against); here the real
ones are checked."""

from hub import create_app
from hub.auth import services
from hub.auth.models import User
from hub.config import Defaults
from hub.extensions import db
from tests.conftest import PRODUCTION_DUMMY_HASH, TEST_PASSWORD_METHOD, base_config


def test_production_hashes_with_scrypt_and_the_tests_do_not(tmp_path):
    assert Defaults.HUB_PASSWORD_METHOD == "scrypt"
    assert PRODUCTION_DUMMY_HASH.startswith("scrypt:")
    assert services._DUMMY_HASH.startswith(TEST_PASSWORD_METHOD + "$")

    config = base_config(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path)
    del config["HUB_PASSWORD_METHOD"]
    app = create_app(config)
    with app.app_context():
        user = User(username="scrypt", display_name="scrypt", email="s@example.test")
        user.set_password("correct-horse-42")
        assert user.password_hash.startswith("scrypt:")
        assert user.check_password("correct-horse-42")
        assert not user.check_password("correct-horse-43")
        db.engine.dispose()
