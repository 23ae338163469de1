from detector.cli import main  # absolute: spark-submit runs this file as a script (docs/scale.md)

main()
