// No constructor: the parent one receives the parameters
Class extends LcBase
