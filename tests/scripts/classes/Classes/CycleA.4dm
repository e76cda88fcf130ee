Class extends CycleB
