package mx.recaudo.demo;

/**
 * Reference data for the synthetic Mexican portfolio: states with real municipalities, postal-code
 * ranges and area codes (ladas), personal names, surnames, streets, colonias and company words.
 * Lists of names are ordered roughly by how common they are; the generator favours the head.
 */
final class MexicoData {

    private MexicoData() {}

    /** A municipality or city: its lada (area code, 2 or 3 digits) and a postal-code range inside its state's range. */
    record City(String name, String lada, int cpFrom, int cpTo, int weight, String[] colonias) {
        City(String name, String lada, int cpFrom, int cpTo, int weight) {
            this(name, lada, cpFrom, cpTo, weight, null);
        }
    }

    /**
     * A state: full name (state column), the abbreviation used at the end of an address, the first two
     * digits of its postal codes ({@code cpPrefixFrom}..{@code cpPrefixTo}, SEPOMEX), its population in
     * thousands (2020 census) as the sampling weight, and a few real municipalities.
     */
    record State(String name, String abbreviation, int cpPrefixFrom, int cpPrefixTo, int population, City... cities) {}

    static final State[] STATES = {
        new State("Aguascalientes", "Ags.", 20, 20, 1426,
            new City("Aguascalientes", "449", 20000, 20399, 8), new City("Jesús María", "449", 20900, 20929, 2),
            new City("Calvillo", "495", 20800, 20869, 1), new City("Rincón de Romos", "465", 20400, 20439, 1)),
        new State("Baja California", "B.C.", 21, 22, 3769,
            new City("Tijuana", "664", 22000, 22699, 10), new City("Mexicali", "686", 21000, 21399, 5),
            new City("Ensenada", "646", 22800, 22899, 3), new City("Playas de Rosarito", "661", 22700, 22779, 1)),
        new State("Baja California Sur", "B.C.S.", 23, 23, 798,
            new City("La Paz", "612", 23000, 23099, 5), new City("San José del Cabo", "624", 23400, 23449, 3),
            new City("Cabo San Lucas", "624", 23450, 23479, 3), new City("Ciudad Constitución", "613", 23600, 23699, 1)),
        new State("Campeche", "Camp.", 24, 24, 928,
            new City("Campeche", "981", 24000, 24099, 5), new City("Ciudad del Carmen", "938", 24100, 24199, 4),
            new City("Champotón", "982", 24400, 24449, 1)),
        new State("Coahuila", "Coah.", 25, 27, 3147,
            new City("Saltillo", "844", 25000, 25299, 6), new City("Torreón", "871", 27000, 27299, 6),
            new City("Monclova", "866", 25700, 25799, 2), new City("Piedras Negras", "878", 26000, 26099, 2)),
        new State("Colima", "Col.", 28, 28, 731,
            new City("Colima", "312", 28000, 28099, 4), new City("Manzanillo", "314", 28200, 28299, 3),
            new City("Villa de Álvarez", "312", 28970, 28989, 3), new City("Tecomán", "313", 28100, 28199, 2)),
        new State("Chiapas", "Chis.", 29, 30, 5543,
            new City("Tuxtla Gutiérrez", "961", 29000, 29099, 6), new City("Tapachula", "962", 30700, 30899, 3),
            new City("San Cristóbal de las Casas", "967", 29200, 29299, 2), new City("Comitán", "963", 30000, 30099, 1)),
        new State("Chihuahua", "Chih.", 31, 33, 3741,
            new City("Ciudad Juárez", "656", 32000, 32699, 8), new City("Chihuahua", "614", 31000, 31399, 6),
            new City("Delicias", "639", 33000, 33099, 1), new City("Hidalgo del Parral", "627", 33800, 33899, 1)),
        new State("Ciudad de México", "CDMX", 1, 16, 9209,
            new City("Iztapalapa", "55", 9000, 9990, 10, new String[] {"San Lorenzo Tezonco", "Santa Cruz Meyehualco",
                "Ejército de Oriente", "Desarrollo Urbano Quetzalcóatl", "Cerro de la Estrella", "Santa Martha Acatitla"}),
            new City("Gustavo A. Madero", "55", 7000, 7990, 7, new String[] {"Lindavista", "Industrial",
                "San Felipe de Jesús", "Aragón", "Tepeyac Insurgentes", "Guadalupe Tepeyac"}),
            new City("Álvaro Obregón", "55", 1000, 1900, 4, new String[] {"San Ángel", "Olivar de los Padres",
                "Santa Fe", "Las Águilas", "Florida", "Tetelpan"}),
            new City("Tlalpan", "55", 14000, 14900, 4, new String[] {"Tlalpan Centro", "Villa Coapa",
                "Héroes de Padierna", "Pedregal de San Nicolás", "Isidro Fabela"}),
            new City("Coyoacán", "55", 4000, 4980, 4, new String[] {"Del Carmen", "Santa Úrsula Coapa",
                "Pedregal de Santo Domingo", "Ciudad Jardín", "Copilco Universidad", "Campestre Churubusco"}),
            new City("Cuauhtémoc", "55", 6000, 6920, 4, new String[] {"Centro", "Roma Norte", "Condesa", "Juárez",
                "Doctores", "Guerrero", "Santa María la Ribera", "Tabacalera", "Obrera"}),
            new City("Benito Juárez", "55", 3000, 3940, 3, new String[] {"Del Valle", "Narvarte", "Nápoles", "Portales",
                "Álamos", "Mixcoac", "General Anaya"}),
            new City("Miguel Hidalgo", "55", 11000, 11950, 3, new String[] {"Polanco", "Anzures", "Tacubaya",
                "Lomas de Chapultepec", "Escandón", "Granada", "Popotla"}),
            new City("Venustiano Carranza", "55", 15000, 15990, 3, new String[] {"Moctezuma", "Jardín Balbuena",
                "Romero Rubio", "Morelos", "Aviación Civil"}),
            new City("Azcapotzalco", "55", 2000, 2990, 3, new String[] {"Clavería", "San Álvaro", "El Rosario",
                "Nueva Santa María", "Pro Hogar"}),
            new City("Iztacalco", "55", 8000, 8930, 3, new String[] {"Agrícola Oriental", "Granjas México",
                "Reforma Iztaccíhuatl", "Pantitlán"}),
            new City("Xochimilco", "56", 16000, 16900, 3, new String[] {"Barrio 18", "San Gregorio Atlapulco",
                "Santa Cruz Acalpixca", "Huichapan"}),
            new City("Tláhuac", "56", 13000, 13550, 2, new String[] {"Del Mar", "San Francisco Tlaltenco",
                "Santa Catarina Yecahuizotl", "Zapotitla"})),
        new State("Durango", "Dgo.", 34, 35, 1832,
            new City("Durango", "618", 34000, 34399, 6), new City("Gómez Palacio", "871", 35000, 35149, 3),
            new City("Lerdo", "871", 35150, 35199, 1)),
        new State("Guanajuato", "Gto.", 36, 38, 6166,
            new City("León", "477", 37000, 37699, 8), new City("Irapuato", "462", 36500, 36699, 3),
            new City("Celaya", "461", 38000, 38199, 3), new City("Salamanca", "464", 36700, 36899, 2),
            new City("Guanajuato", "473", 36000, 36299, 1)),
        new State("Guerrero", "Gro.", 39, 41, 3540,
            new City("Acapulco", "744", 39300, 39999, 6), new City("Chilpancingo", "747", 39000, 39199, 2),
            new City("Iguala", "733", 40000, 40099, 1), new City("Zihuatanejo", "755", 40880, 40899, 1)),
        new State("Hidalgo", "Hgo.", 42, 43, 3082,
            new City("Pachuca", "771", 42000, 42199, 4), new City("Tulancingo", "775", 43600, 43699, 2),
            new City("Tula de Allende", "773", 42800, 42899, 1), new City("Mineral de la Reforma", "771", 42180, 42189, 2)),
        new State("Jalisco", "Jal.", 44, 49, 8348,
            new City("Guadalajara", "33", 44100, 44990, 8, new String[] {"Centro", "Americana", "Providencia",
                "Chapalita", "Santa Teresita", "Oblatos", "Jardines del Bosque", "Ladrón de Guevara"}),
            new City("Zapopan", "33", 45000, 45249, 7, new String[] {"Ciudad Granja", "Las Águilas",
                "Jardines Universidad", "Puerta de Hierro", "Arcos de Zapopan", "Santa Margarita"}),
            new City("San Pedro Tlaquepaque", "33", 45500, 45639, 3), new City("Tonalá", "33", 45400, 45429, 3),
            new City("Tlajomulco de Zúñiga", "33", 45640, 45679, 3), new City("Puerto Vallarta", "322", 48280, 48399, 1)),
        new State("Estado de México", "Méx.", 50, 57, 16992,
            new City("Ecatepec", "55", 55000, 55299, 8), new City("Nezahualcóyotl", "55", 57000, 57999, 5),
            new City("Toluca", "722", 50000, 50299, 4), new City("Naucalpan", "55", 53000, 53999, 4),
            new City("Tlalnepantla", "55", 54000, 54199, 3), new City("Chimalhuacán", "55", 56330, 56399, 3),
            new City("Cuautitlán Izcalli", "55", 54700, 54799, 3), new City("Metepec", "722", 52140, 52179, 1),
            new City("Texcoco", "595", 56100, 56249, 1)),
        new State("Michoacán", "Mich.", 58, 61, 4748,
            new City("Morelia", "443", 58000, 58349, 6), new City("Uruapan", "452", 60000, 60199, 3),
            new City("Zamora", "351", 59600, 59699, 2), new City("Lázaro Cárdenas", "753", 60950, 60999, 1)),
        new State("Morelos", "Mor.", 62, 62, 1971,
            new City("Cuernavaca", "777", 62000, 62549, 5), new City("Jiutepec", "777", 62550, 62599, 2),
            new City("Cuautla", "735", 62740, 62759, 2)),
        new State("Nayarit", "Nay.", 63, 63, 1235,
            new City("Tepic", "311", 63000, 63199, 6), new City("Bahía de Banderas", "329", 63730, 63739, 2),
            new City("Santiago Ixcuintla", "323", 63300, 63399, 1)),
        new State("Nuevo León", "N.L.", 64, 67, 5784,
            new City("Monterrey", "81", 64000, 64990, 9, new String[] {"Centro", "Mitras Centro", "Obispado",
                "Contry", "Cumbres", "Vista Hermosa", "Independencia"}),
            new City("Guadalupe", "81", 67100, 67299, 5), new City("Apodaca", "81", 66600, 66649, 5),
            new City("San Nicolás de los Garza", "81", 66400, 66499, 4), new City("General Escobedo", "81", 66050, 66099, 3),
            new City("Santa Catarina", "81", 66100, 66199, 2),
            new City("San Pedro Garza García", "81", 66200, 66299, 1, new String[] {"Del Valle", "Valle Oriente",
                "Fuentes del Valle", "San Pedro Centro"})),
        new State("Oaxaca", "Oax.", 68, 71, 4132,
            new City("Oaxaca de Juárez", "951", 68000, 68299, 5), new City("Juchitán de Zaragoza", "971", 70000, 70099, 2),
            new City("Salina Cruz", "971", 70600, 70699, 1), new City("San Juan Bautista Tuxtepec", "287", 68300, 68399, 2)),
        new State("Puebla", "Pue.", 72, 75, 6583,
            new City("Puebla", "222", 72000, 72599, 10), new City("Tehuacán", "238", 75700, 75859, 2),
            new City("San Andrés Cholula", "222", 72810, 72849, 2), new City("Atlixco", "244", 74200, 74299, 1)),
        new State("Querétaro", "Qro.", 76, 76, 2368,
            new City("Querétaro", "442", 76000, 76239, 8), new City("San Juan del Río", "427", 76800, 76849, 2),
            new City("Corregidora", "442", 76900, 76925, 2), new City("El Marqués", "442", 76240, 76249, 1)),
        new State("Quintana Roo", "Q. Roo", 77, 77, 1857,
            new City("Cancún", "998", 77500, 77539, 8), new City("Playa del Carmen", "984", 77710, 77729, 3),
            new City("Chetumal", "983", 77000, 77099, 2), new City("Cozumel", "987", 77600, 77699, 1)),
        new State("San Luis Potosí", "S.L.P.", 78, 79, 2822,
            new City("San Luis Potosí", "444", 78000, 78399, 7), new City("Soledad de Graciano Sánchez", "444", 78430, 78439, 2),
            new City("Ciudad Valles", "481", 79000, 79099, 2), new City("Matehuala", "488", 78700, 78799, 1)),
        new State("Sinaloa", "Sin.", 80, 82, 3026,
            new City("Culiacán", "667", 80000, 80499, 6), new City("Mazatlán", "669", 82000, 82199, 3),
            new City("Los Mochis", "668", 81200, 81299, 2), new City("Guasave", "687", 81000, 81099, 1)),
        new State("Sonora", "Son.", 83, 85, 2944,
            new City("Hermosillo", "662", 83000, 83299, 6), new City("Ciudad Obregón", "644", 85000, 85199, 3),
            new City("Nogales", "631", 84000, 84099, 2), new City("San Luis Río Colorado", "653", 83400, 83499, 1),
            new City("Navojoa", "642", 85800, 85899, 1)),
        new State("Tabasco", "Tab.", 86, 86, 2402,
            new City("Villahermosa", "993", 86000, 86299, 6), new City("Cárdenas", "937", 86500, 86599, 2),
            new City("Comalcalco", "933", 86300, 86399, 1)),
        new State("Tamaulipas", "Tamps.", 87, 89, 3527,
            new City("Reynosa", "899", 88500, 88799, 5), new City("Matamoros", "868", 87300, 87599, 3),
            new City("Nuevo Laredo", "867", 88000, 88299, 3), new City("Tampico", "833", 89000, 89599, 2),
            new City("Ciudad Victoria", "834", 87000, 87199, 2)),
        new State("Tlaxcala", "Tlax.", 90, 90, 1342,
            new City("Tlaxcala", "246", 90000, 90099, 3), new City("Apizaco", "241", 90300, 90399, 2),
            new City("Huamantla", "247", 90500, 90599, 2), new City("Chiautempan", "246", 90800, 90899, 1)),
        new State("Veracruz", "Ver.", 91, 96, 8062,
            new City("Veracruz", "229", 91700, 91999, 6), new City("Xalapa", "228", 91000, 91199, 5),
            new City("Coatzacoalcos", "921", 96400, 96599, 3), new City("Córdoba", "271", 94500, 94699, 2),
            new City("Poza Rica", "782", 93200, 93399, 2), new City("Orizaba", "272", 94300, 94399, 2),
            new City("Boca del Río", "229", 94290, 94299, 2)),
        new State("Yucatán", "Yuc.", 97, 97, 2320,
            new City("Mérida", "999", 97000, 97399, 10), new City("Valladolid", "985", 97780, 97789, 1),
            new City("Progreso", "969", 97320, 97329, 1), new City("Tizimín", "986", 97700, 97709, 1)),
        new State("Zacatecas", "Zac.", 98, 99, 1622,
            new City("Zacatecas", "492", 98000, 98099, 4), new City("Fresnillo", "493", 99000, 99099, 3),
            new City("Guadalupe", "492", 98600, 98699, 3), new City("Jerez", "494", 99300, 99399, 1)),
    };

    static final String[] MALE_FIRST_NAMES = {
        "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Francisco", "Jesús", "Alejandro", "Antonio",
        "José Luis", "Juan Carlos", "Pedro", "Manuel", "Ricardo", "Fernando", "Roberto", "Javier", "Eduardo",
        "Miguel Ángel", "Sergio", "Daniel", "Raúl", "Arturo", "José Antonio", "Alberto", "Rafael", "Héctor",
        "Víctor", "Mario", "Juan Manuel", "Enrique", "Gerardo", "Óscar", "Martín", "Hugo", "Ramón", "Andrés",
        "Diego", "Luis Fernando", "Santiago", "Mateo", "Sebastián", "Leonardo", "Emiliano", "Ángel", "Rubén",
        "Gabriel", "Iván", "Adrián", "Julio César", "Guillermo", "Ernesto", "Salvador", "Alfredo", "Rodrigo",
        "José Manuel", "Jesús Alberto", "Israel", "Joaquín", "Tomás", "Ulises", "Saúl", "Efraín", "Néstor",
    };

    static final String[] FEMALE_FIRST_NAMES = {
        "María", "Guadalupe", "María Guadalupe", "Juana", "Margarita", "Verónica", "Leticia", "Rosa", "Patricia",
        "Elizabeth", "Alejandra", "María del Carmen", "Gabriela", "Adriana", "Claudia", "Martha", "Laura",
        "Ana", "María Fernanda", "Silvia", "Teresa", "Sofía", "Valentina", "Ximena", "Regina", "Camila",
        "Fernanda", "Daniela", "Mariana", "Andrea", "Ana María", "Karla", "Diana", "Mónica", "Lucía", "Araceli",
        "Brenda", "Norma", "Yolanda", "Alicia", "Irma", "Beatriz", "Carmen", "Rocío", "Paola", "Natalia",
        "María José", "Itzel", "Yesenia", "Lorena", "Rosa María", "María Elena", "Guillermina", "Josefina",
        "Esperanza", "Dolores", "Angélica", "Érika", "Nayeli", "Fátima", "Jimena", "Renata", "Berenice", "Anahí",
    };

    static final String[] SURNAMES = {
        "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
        "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez",
        "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez",
        "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán",
        "Velázquez", "Muñoz", "Rojas", "Contreras", "Salazar", "Luna", "Ortega", "Santiago", "Guerrero",
        "Estrada", "Bautista", "Cortés", "Soto", "Alvarado", "Espinoza", "Lara", "Ávila", "Ríos", "Cervantes",
        "Silva", "Delgado", "Vega", "Márquez", "Sandoval", "Fernández", "León", "Carrillo", "Mejía", "Solís",
        "Núñez", "Rosas", "Valdez", "Ibarra", "Campos", "Santos", "Camacho", "Navarro", "Peña", "Maldonado",
        "Rosales", "Acosta", "Miranda", "Trejo", "Cabrera", "Valencia", "Nava", "Castañeda", "Pacheco",
        "Robles", "Molina", "Rangel", "Fuentes", "Huerta", "Padilla", "Espinosa", "Cárdenas", "de la Cruz",
        "Cano", "Ibáñez", "Zamora", "Serrano", "Salinas", "Galván", "Orozco", "Villegas", "Ochoa", "Zúñiga",
        "Beltrán", "Montes", "del Ángel", "Escobar", "Quintero", "Velasco", "Arellano", "Tapia", "Sosa",
        "Villanueva", "Avendaño", "Olvera", "Pineda", "Quiroz", "Benítez",
    };

    static final String[] STREETS = {
        "Calle Hidalgo", "Av. Juárez", "Calle Morelos", "Av. Insurgentes", "Calle 5 de Mayo", "Av. Reforma",
        "Calle Allende", "Calle Aldama", "Av. Benito Juárez", "Calle Zaragoza", "Calle Guerrero", "Av. Revolución",
        "Calle Independencia", "Av. Universidad", "Calle Matamoros", "Calle Galeana", "Calle Niños Héroes",
        "Av. Constitución", "Calle Victoria", "Calle Abasolo", "Calle Madero", "Av. López Mateos",
        "Av. Lázaro Cárdenas", "Calle Emiliano Zapata", "Calle Francisco Villa", "Calle 16 de Septiembre",
        "Calle 20 de Noviembre", "Av. Miguel Alemán", "Calle Vicente Guerrero", "Calle Nicolás Bravo",
        "Calle Pino Suárez", "Calle Ocampo", "Calle Iturbide", "Av. Tecnológico", "Calle Las Rosas",
        "Calle Jacarandas", "Calle Fresno", "Calle Álamo", "Av. Las Torres", "Calle Río Lerma", "Calle Río Bravo",
        "Av. Chapultepec", "Calle Colón", "Calle Cuauhtémoc", "Av. Hidalgo", "Calle Sor Juana Inés de la Cruz",
        "Calle Josefa Ortiz de Domínguez", "Calle Leona Vicario", "Privada Los Olivos", "Cerrada del Sol",
        "Av. de las Américas", "Calzada Independencia", "Calle Nogal", "Calle Pirules", "Av. Solidaridad",
    };

    static final String[] COLONIAS = {
        "Centro", "Del Valle", "Las Flores", "San José", "Jardines del Valle", "Lomas Verdes", "Santa María",
        "San Miguel", "La Providencia", "El Mirador", "Independencia", "Reforma", "Guadalupe", "Los Pinos",
        "Las Américas", "Industrial", "Obrera", "Moderna", "Bellavista", "San Antonio", "Santa Cecilia",
        "Villas del Sol", "Residencial del Parque", "Las Palmas", "Lomas del Sur", "Jardines de la Hacienda",
        "San Rafael", "Emiliano Zapata", "Benito Juárez", "Revolución", "20 de Noviembre", "Los Ángeles",
        "Vista Hermosa", "Linda Vista", "La Joya", "Nueva Esperanza", "Valle Dorado", "Infonavit", "El Sauz",
        "Las Fuentes", "Buenos Aires", "Magisterial",
    };

    /** Business lines that read well before a fantasy name: "Abarrotes La Esperanza". */
    static final String[] TRADES = {
        "Abarrotes", "Ferretería", "Papelería", "Refaccionaria", "Farmacia", "Panificadora", "Tortillería",
        "Materiales", "Distribuidora", "Comercializadora", "Constructora", "Transportes", "Servicios Integrales",
        "Autotransportes", "Inmobiliaria", "Muebles", "Aceros", "Plásticos", "Alimentos", "Textiles",
        "Laboratorios", "Impresos", "Agroindustrias", "Logística", "Maderas", "Hotelera", "Restaurantes",
        "Grupo", "Lácteos", "Carnes Selectas",
    };

    /** Business lines that read well before two surnames: "Transportes Hernández Ruiz". */
    static final String[] FAMILY_TRADES = {
        "Transportes", "Constructora", "Comercializadora", "Distribuidora", "Materiales", "Consultores",
        "Despacho", "Autotransportes", "Grupo", "Servicios", "Fletes", "Agrícola",
    };

    static final String[] FANTASY_NAMES = {
        "La Esperanza", "El Águila", "La Estrella", "San José", "Santa Fe", "El Sol", "La Luz", "del Bajío",
        "del Norte", "del Pacífico", "del Golfo", "del Sureste", "Azteca", "Maya", "Olmeca", "Tolteca", "Monarca",
        "La Palma", "El Roble", "Los Pinos", "La Providencia", "El Progreso", "La Victoria", "Santa Rosa",
        "San Miguel", "Guadalupe", "El Puerto", "La Sierra", "Anáhuac", "Regiomontana", "Poblana",
        "Veracruzana", "Tapatía", "Mexicana", "Continental", "Universal", "Nacional", "de Occidente",
        "Los Altos", "El Faro", "La Huasteca", "Cuauhtémoc", "Quetzal", "Don Pepe", "La Central",
    };

    /** Legal-form suffixes with their share in percent. */
    static final String[] LEGAL_FORMS = {
        ", S.A. de C.V.", ", S. de R.L. de C.V.", ", S.A.S. de C.V.", ", S.A.P.I. de C.V.", ", S.C."};
    static final int[] LEGAL_FORM_WEIGHTS = {60, 20, 10, 5, 5};
}
