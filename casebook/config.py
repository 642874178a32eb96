"""Configuration classes; deployment settings come from CASEBOOK_* environment variables."""

from datetime import timedelta
from typing import ClassVar


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "development"
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    SQLALCHEMY_RECORD_QUERIES = False
    POSTGRESQL_JIT = False  # PostgreSQL's JIT compiling costs the statistics more than it saves (benchmarks)
    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None
    REDIS_URL: str | None = None

    MAX_CONTENT_LENGTH = 32 * 1024 * 1024  # any request; an import's upload may be IMPORT_MAX_FILE_MB
    # Bounds of a spreadsheet from outside, checked before it is parsed (imports/limits.py). A register of
    # 200,000 mediation cases is 39 MB as CSV and 16 MB as XLSX (150 MB unpacked, its XML shrunk 9 to 13 times).
    IMPORT_MAX_FILE_MB = 100
    IMPORT_MAX_UNCOMPRESSED_MB = 500
    IMPORT_MAX_COMPRESSION_RATIO = 100  # Apache POI's default for the same check (ZipSecureFile, 0.01)
    IMPORT_MAX_ZIP_MEMBERS = 1000
    IMPORT_MAX_ROWS = 250_000
    IMPORT_MAX_COLUMNS = 200
    IMPORT_MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
    IMPORT_MAX_HEADER_CHARS = 100
    IMPORT_MAX_LINE_CHARS = 100_000  # a CSV line
    IMPORT_LOCK_WAIT_SECONDS = 5  # a second import waits this long for the first, then is told it is running
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)  # absolute session timeout (ASVS 7.3.2)
    IDLE_TIMEOUT = timedelta(minutes=30)  # idle session timeout (ASVS 7.3.1)
    TRUSTED_PROXIES = 0  # reverse proxies in front of casebook whose X-Forwarded-For is believed (ProxyFix)

    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh", "en")

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_LIMIT_PER_IP = "30 per 15 minutes"  # failed logins from one address
    LOGIN_DELAY_FREE_ATTEMPTS = (
        5  # failures for a username before its attempts are delayed (auth/throttle.py)
    )
    LOGIN_DELAY_MAX_SECONDS = 300  # the longest delay: 1 s, 2 s, 4 s … doubling up to this
    LOGIN_FAILURE_WINDOW_SECONDS = 24 * 3600  # failures older than this no longer count
    LOGIN_KNOWN_DEVICE_DAYS = 180  # a browser the account logged in from is not delayed for this long
    API_TOKEN_FAILURE_LIMIT = "20 per 15 minutes"  # noqa: S105 (refused API tokens from one address)
    PASSWORD_MIN_SCORE = 3  # zxcvbn's guessability score (0-4) a new password must reach

    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 2

    # Flask-Compress (core/static_assets.py): brotli where the browser takes it, else gzip; zstd at its default
    # level packs the chart script worse than brotli 5 (374 KB against 340 KB), and brotli's higher levels cost
    # tens of milliseconds a page for a few per cent. Static files are streamed, so they list gzip too.
    COMPRESS_ALGORITHM: ClassVar[list[str]] = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING: ClassVar[list[str]] = ["br", "gzip"]
    COMPRESS_BR_LEVEL = 5
    # Pages and static files; not the JSON API, whose answers are small and whose clients (schemathesis' WSGI
    # transport among them) need not decode.
    COMPRESS_MIMETYPES: ClassVar[list[str]] = ["text/html", "text/css", "text/javascript", "image/svg+xml"]

    PAGE_SIZE = 25
    # Every date casebook accepts (forms, API, imports) lies from EARLIEST_DATE to today + DATE_MARGIN_DAYS
    # (core/dates.py): the margin leaves room for planned dates (hearings, deadlines worked out ahead).
    EARLIEST_DATE = "1980-01-01"
    DATE_MARGIN_DAYS = 731
    STATS_CACHE_SIZE = 512  # statistics results kept per process until the data changes (0: none)
    # The case lists count at most this many matching cases ("more than 10,000"); None counts them all.
    LIST_COUNT_LIMIT: int | None = 10_000
    TIMEZONE = "Asia/Shanghai"
    TODAY = (
        None  # CASEBOOK_TODAY=2025-06-16 fixes the app's date (testing and development only: core/clock.py)
    )

    # Practice rules (domain.md §2.2, §3.2): settings with the defaults the bureau uses.
    MEDIATION_LIMIT_DAYS = 30
    EXCLUDE_SUSPENSION = True
    CONVERTED_COUNTS_FROM_ORIGINAL_ACCEPTANCE = True
    CORRECTION_RATE_DENOMINATOR = "merits"  # or "decisions" (with 驳回申请) or "all_concluded"
    # The respondent's period to carry out a decision that names none (ARL23 art 77 sets no number of days):
    # calendar days from the decision's service.
    PERFORMANCE_DAYS = 30
    # From this day of the year (month-day) the administrator's home and the holiday schedules page warn while
    # next year's schedule is not loaded (the State Council usually publishes it in November or December).
    HOLIDAY_SCHEDULE_WARNING_FROM = "11-01"
    MEDIATION_DUE_SOON_DAYS = 5  # an open mediation case is "due soon" this many days before its deadline
    MEDIATION_CASE_NO_FORMAT = "{committee_short}调〔{year}〕{seq:04d}号"
    RECONSIDERATION_CASE_NO_FORMAT = "{office}复〔{year}〕{seq}号"
    RECONSIDERATION_OFFICE_SHORT = "区府"


class DevelopmentConfig(Config):
    """Local development: SQLite in the instance folder, a generated secret key."""


class TestingConfig(Config):
    """Test runs: cheap password hashing, no CSRF unless a test turns it on."""

    ENV_NAME = "testing"
    TESTING = True
    WTF_CSRF_ENABLED = False
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    SECRET_KEY = "test-secret-key"  # noqa: S105


class ProductionConfig(Config):
    """Production: Secure cookies with the __Host- prefix; refuses to start without a secret key."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-session"
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}
