Class extends CycleA
