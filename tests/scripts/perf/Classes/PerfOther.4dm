// Another class, for the wrong-class parameter check (calls.4dm).
Class constructor()
