from articlecli.cli import main

main()
