import sys
from pathlib import Path

# Make `import tools.…` work however pytest is started (tools/ lives at the repository root).
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
