Class extends DataStoreImplementation

exposed Function hello($name : Text) : Text
	return "hello "+$name
