// Class: Circle
Class extends Shape

property radius : Real

Class constructor($radius : Real)
	Super("circle")
	This.radius:=$radius

Function area() : Real
	return Round(Pi*This.radius*This.radius; 2)
