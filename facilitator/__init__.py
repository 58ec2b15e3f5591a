"""Facilitator: an offline desktop app for cohort programmes."""

APP_NAME = "Facilitator"


def __getattr__(name: str):
    # The one version is pyproject's: read from the installed package's metadata (the bundle
    # carries it too), looked up only when asked for so start-up does not pay for it.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("facilitator")
        except PackageNotFoundError:
            return "unknown"
    raise AttributeError(f"module 'facilitator' has no attribute {name!r}")
