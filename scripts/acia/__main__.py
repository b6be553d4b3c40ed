from acia.cli import main

raise SystemExit(main())
