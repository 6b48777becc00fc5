"""Instruments of the CMS Family and their memberships, for the demo directory.

This is demo data. The lists follow the real memberships as far as they are known to the
authors, but they are not authoritative: a few Parties or Signatories may be missing or out of
date, and the years are approximate (the year a Party's membership entered into force or a
Signatory signed; plausible years where the exact one was not known). For range states that
are not Parties or Signatories, the year is the one the instrument itself entered into force.
The secretariats' own lists (www.cms.int and the agreements' websites) are the reference.

``INSTRUMENTS`` lists the instruments in display order. ``MEMBERSHIPS`` maps an instrument
code to ``(iso_alpha3, status, year_since)`` tuples; "EUU" stands for the European Union.
"""

PARTY = "party"
SIGNATORY = "signatory"
RANGE_STATE = "range_state"

INSTRUMENTS = [
    {
        "code": "CMS",
        "kind": "convention",
        "name": {
            "en": "Convention on the Conservation of Migratory Species of Wild Animals",
            "fr": "Convention sur la conservation des espèces migratrices appartenant à la "
            "faune sauvage",
            "es": "Convención sobre la Conservación de las Especies Migratorias de Animales "
            "Silvestres",
        },
        "short_name": {"en": "CMS", "fr": "CMS", "es": "CMS"},
        "working_languages": ["en", "fr", "es"],
        "website": "https://www.cms.int",
    },
    {
        "code": "AEWA",
        "kind": "agreement",
        "name": {
            "en": "Agreement on the Conservation of African-Eurasian Migratory Waterbirds",
            "fr": "Accord sur la conservation des oiseaux d'eau migrateurs d'Afrique-Eurasie",
            "es": "Acuerdo sobre la Conservación de las Aves Acuáticas Migratorias "
            "Afroeuroasiáticas",
        },
        "short_name": {"en": "AEWA", "fr": "AEWA", "es": "AEWA"},
        "working_languages": ["en", "fr"],
        "website": "https://www.unep-aewa.org",
    },
    {
        "code": "ASCOBANS",
        "kind": "agreement",
        "name": {
            "en": "Agreement on the Conservation of Small Cetaceans of the Baltic, North East "
            "Atlantic, Irish and North Seas",
            "fr": "Accord sur la conservation des petits cétacés de la mer Baltique, du "
            "nord-est de l'Atlantique et des mers d'Irlande et du Nord",
            "es": "Acuerdo sobre la Conservación de los Pequeños Cetáceos del Mar Báltico, el "
            "Atlántico Nordeste y los Mares de Irlanda y del Norte",
        },
        "short_name": {"en": "ASCOBANS", "fr": "ASCOBANS", "es": "ASCOBANS"},
        "working_languages": ["en"],
        "website": "https://www.ascobans.org",
    },
    {
        "code": "EUROBATS",
        "kind": "agreement",
        "name": {
            "en": "Agreement on the Conservation of Populations of European Bats",
            "fr": "Accord relatif à la conservation des populations de chauves-souris d'Europe",
            "es": "Acuerdo sobre la Conservación de las Poblaciones de Murciélagos Europeos",
        },
        "short_name": {"en": "EUROBATS", "fr": "EUROBATS", "es": "EUROBATS"},
        "working_languages": ["en", "fr"],
        "website": "https://www.eurobats.org",
    },
    {
        "code": "ACAP",
        "kind": "agreement",
        "name": {
            "en": "Agreement on the Conservation of Albatrosses and Petrels",
            "fr": "Accord sur la conservation des albatros et des pétrels",
            "es": "Acuerdo sobre la Conservación de Albatros y Petreles",
        },
        "short_name": {"en": "ACAP", "fr": "ACAP", "es": "ACAP"},
        "working_languages": ["en", "fr", "es"],
        "website": "https://www.acap.aq",
    },
    {
        "code": "RAPTORS",
        "kind": "mou",
        "name": {
            "en": "Memorandum of Understanding on the Conservation of Migratory Birds of Prey "
            "in Africa and Eurasia",
            "fr": "Mémorandum d'entente sur la conservation des oiseaux de proie migrateurs "
            "d'Afrique et d'Eurasie",
            "es": "Memorando de Entendimiento sobre la Conservación de las Aves Rapaces "
            "Migratorias de África y Eurasia",
        },
        "short_name": {"en": "Raptors MoU", "fr": "MdE Rapaces", "es": "MdE Aves Rapaces"},
        "working_languages": ["en", "fr"],
        "website": "https://www.cms.int/raptors",
    },
    {
        "code": "SHARKS",
        "kind": "mou",
        "name": {
            "en": "Memorandum of Understanding on the Conservation of Migratory Sharks",
            "fr": "Mémorandum d'entente sur la conservation des requins migrateurs",
            "es": "Memorando de Entendimiento sobre la Conservación de los Tiburones Migratorios",
        },
        "short_name": {"en": "Sharks MoU", "fr": "MdE Requins", "es": "MdE Tiburones"},
        "working_languages": ["en", "fr", "es"],
        "website": "https://www.cms.int/sharks",
    },
    {
        "code": "DUGONG",
        "kind": "mou",
        "name": {
            "en": "Memorandum of Understanding on the Conservation and Management of Dugongs "
            "(Dugong dugon) and their Habitats throughout their Range",
            "fr": "Mémorandum d'entente sur la conservation et la gestion des dugongs "
            "(Dugong dugon) et de leurs habitats dans l'ensemble de leur aire de répartition",
            "es": "Memorando de Entendimiento sobre la Conservación y el Manejo de los "
            "Dugongos (Dugong dugon) y sus Hábitats en toda su Área de Distribución",
        },
        "short_name": {"en": "Dugong MoU", "fr": "MdE Dugong", "es": "MdE Dugongo"},
        "working_languages": ["en"],
        "website": "https://www.cms.int/dugong",
    },
    {
        "code": "IOSEA",
        "kind": "mou",
        "name": {
            "en": "Memorandum of Understanding on the Conservation and Management of Marine "
            "Turtles and their Habitats of the Indian Ocean and South-East Asia",
            "fr": "Mémorandum d'entente sur la conservation et la gestion des tortues marines "
            "et de leurs habitats de l'océan Indien et de l'Asie du Sud-Est",
            "es": "Memorando de Entendimiento sobre la Conservación y el Manejo de las "
            "Tortugas Marinas y sus Hábitats del Océano Índico y el Sudeste Asiático",
        },
        "short_name": {
            "en": "IOSEA Marine Turtles MoU",
            "fr": "MdE IOSEA Tortues marines",
            "es": "MdE IOSEA Tortugas Marinas",
        },
        "working_languages": ["en", "fr"],
        "website": "https://www.cms.int/iosea-turtles",
    },
    {
        "code": "GREAT-BUSTARD",
        "kind": "mou",
        "name": {
            "en": "Memorandum of Understanding on the Conservation and Management of the "
            "Middle-European Population of the Great Bustard (Otis tarda)",
            "fr": "Mémorandum d'entente sur la conservation et la gestion de la population "
            "d'Europe centrale de la grande outarde (Otis tarda)",
            "es": "Memorando de Entendimiento sobre la Conservación y el Manejo de la "
            "Población Centroeuropea de la Avutarda (Otis tarda)",
        },
        "short_name": {
            "en": "Great Bustard MoU",
            "fr": "MdE Grande Outarde",
            "es": "MdE Avutarda",
        },
        "working_languages": ["en"],
        "website": "https://www.cms.int/great-bustard",
    },
]

# Within each instrument: Parties or Signatories by ISO code, then range states that are
# neither (only listed for CMS and AEWA).
MEMBERSHIPS = {
    "CMS": [
        ("AFG", PARTY, 2015),  # Afghanistan
        ("AGO", PARTY, 2006),  # Angola
        ("ALB", PARTY, 2001),  # Albania
        ("ARE", PARTY, 2016),  # United Arab Emirates
        ("ARG", PARTY, 1992),  # Argentina
        ("ARM", PARTY, 2011),  # Armenia
        ("ATG", PARTY, 2007),  # Antigua and Barbuda
        ("AUS", PARTY, 1991),  # Australia
        ("AUT", PARTY, 2005),  # Austria
        ("BDI", PARTY, 2011),  # Burundi
        ("BEL", PARTY, 1990),  # Belgium
        ("BEN", PARTY, 1986),  # Benin
        ("BFA", PARTY, 1990),  # Burkina Faso
        ("BGD", PARTY, 2005),  # Bangladesh
        ("BGR", PARTY, 1999),  # Bulgaria
        ("BLR", PARTY, 2003),  # Belarus
        ("BOL", PARTY, 2003),  # Bolivia
        ("BRA", PARTY, 2015),  # Brazil
        ("CHE", PARTY, 1995),  # Switzerland
        ("CHL", PARTY, 1983),  # Chile
        ("CIV", PARTY, 2003),  # Côte d'Ivoire
        ("CMR", PARTY, 1983),  # Cameroon
        ("COD", PARTY, 1990),  # Congo, The Democratic Republic of the
        ("COG", PARTY, 2000),  # Congo
        ("COK", PARTY, 2006),  # Cook Islands
        ("CPV", PARTY, 2006),  # Cabo Verde
        ("CRI", PARTY, 2007),  # Costa Rica
        ("CUB", PARTY, 2008),  # Cuba
        ("CYP", PARTY, 2001),  # Cyprus
        ("CZE", PARTY, 1994),  # Czechia
        ("DEU", PARTY, 1984),  # Germany
        ("DJI", PARTY, 2004),  # Djibouti
        ("DNK", PARTY, 1983),  # Denmark
        ("DZA", PARTY, 2005),  # Algeria
        ("ECU", PARTY, 2004),  # Ecuador
        ("EGY", PARTY, 1983),  # Egypt
        ("ERI", PARTY, 2005),  # Eritrea
        ("ESP", PARTY, 1985),  # Spain
        ("EST", PARTY, 2008),  # Estonia
        ("ETH", PARTY, 2010),  # Ethiopia
        ("EUU", PARTY, 1983),  # European Union
        ("FIN", PARTY, 1989),  # Finland
        ("FJI", PARTY, 2008),  # Fiji
        ("FRA", PARTY, 1990),  # France
        ("GAB", PARTY, 2008),  # Gabon
        ("GBR", PARTY, 1985),  # United Kingdom
        ("GEO", PARTY, 2000),  # Georgia
        ("GHA", PARTY, 1988),  # Ghana
        ("GIN", PARTY, 1993),  # Guinea
        ("GMB", PARTY, 2001),  # Gambia
        ("GNB", PARTY, 1995),  # Guinea-Bissau
        ("GNQ", PARTY, 2010),  # Equatorial Guinea
        ("GRC", PARTY, 1999),  # Greece
        ("HND", PARTY, 2007),  # Honduras
        ("HRV", PARTY, 2000),  # Croatia
        ("HUN", PARTY, 1983),  # Hungary
        ("IND", PARTY, 1983),  # India
        ("IRL", PARTY, 1983),  # Ireland
        ("IRN", PARTY, 2008),  # Iran
        ("IRQ", PARTY, 2016),  # Iraq
        ("ISR", PARTY, 1983),  # Israel
        ("ITA", PARTY, 1983),  # Italy
        ("JOR", PARTY, 1983),  # Jordan
        ("KAZ", PARTY, 2006),  # Kazakhstan
        ("KEN", PARTY, 1999),  # Kenya
        ("KGZ", PARTY, 2014),  # Kyrgyzstan
        ("LBR", PARTY, 2005),  # Liberia
        ("LBY", PARTY, 2002),  # Libya
        ("LIE", PARTY, 1997),  # Liechtenstein
        ("LKA", PARTY, 1990),  # Sri Lanka
        ("LTU", PARTY, 2002),  # Lithuania
        ("LUX", PARTY, 1983),  # Luxembourg
        ("LVA", PARTY, 1999),  # Latvia
        ("MAR", PARTY, 1993),  # Morocco
        ("MCO", PARTY, 1993),  # Monaco
        ("MDA", PARTY, 2001),  # Moldova
        ("MDG", PARTY, 2007),  # Madagascar
        ("MKD", PARTY, 1999),  # North Macedonia
        ("MLI", PARTY, 1988),  # Mali
        ("MLT", PARTY, 2001),  # Malta
        ("MNE", PARTY, 2008),  # Montenegro
        ("MNG", PARTY, 1999),  # Mongolia
        ("MOZ", PARTY, 2009),  # Mozambique
        ("MRT", PARTY, 1998),  # Mauritania
        ("MUS", PARTY, 2004),  # Mauritius
        ("NER", PARTY, 1983),  # Niger
        ("NGA", PARTY, 1987),  # Nigeria
        ("NLD", PARTY, 1983),  # Netherlands
        ("NOR", PARTY, 1985),  # Norway
        ("NZL", PARTY, 2000),  # New Zealand
        ("PAK", PARTY, 1987),  # Pakistan
        ("PAN", PARTY, 1989),  # Panama
        ("PER", PARTY, 1997),  # Peru
        ("PHL", PARTY, 1994),  # Philippines
        ("PLW", PARTY, 2008),  # Palau
        ("POL", PARTY, 1996),  # Poland
        ("PRT", PARTY, 1983),  # Portugal
        ("PRY", PARTY, 1999),  # Paraguay
        ("ROU", PARTY, 1998),  # Romania
        ("RWA", PARTY, 2005),  # Rwanda
        ("SAU", PARTY, 1991),  # Saudi Arabia
        ("SEN", PARTY, 1988),  # Senegal
        ("SOM", PARTY, 1986),  # Somalia
        ("STP", PARTY, 2002),  # Sao Tome and Principe
        ("SVK", PARTY, 1995),  # Slovakia
        ("SVN", PARTY, 1998),  # Slovenia
        ("SWE", PARTY, 1983),  # Sweden
        ("SWZ", PARTY, 2012),  # Eswatini
        ("SYC", PARTY, 2005),  # Seychelles
        ("SYR", PARTY, 2003),  # Syria
        ("TCD", PARTY, 1997),  # Chad
        ("TGO", PARTY, 1996),  # Togo
        ("TJK", PARTY, 2001),  # Tajikistan
        ("TUN", PARTY, 1987),  # Tunisia
        ("TZA", PARTY, 1999),  # Tanzania
        ("UGA", PARTY, 2000),  # Uganda
        ("UKR", PARTY, 1999),  # Ukraine
        ("URY", PARTY, 1990),  # Uruguay
        ("UZB", PARTY, 1998),  # Uzbekistan
        ("WSM", PARTY, 2005),  # Samoa
        ("YEM", PARTY, 2007),  # Yemen
        ("ZAF", PARTY, 1991),  # South Africa
        ("ZWE", PARTY, 2012),  # Zimbabwe
        ("CAN", RANGE_STATE, 1983),  # Canada
        ("CHN", RANGE_STATE, 1983),  # China
        ("IDN", RANGE_STATE, 1983),  # Indonesia
        ("JPN", RANGE_STATE, 1983),  # Japan
        ("MEX", RANGE_STATE, 1983),  # Mexico
        ("RUS", RANGE_STATE, 1983),  # Russian Federation
        ("TUR", RANGE_STATE, 1983),  # Türkiye
        ("USA", RANGE_STATE, 1983),  # United States
    ],
    "AEWA": [
        ("ALB", PARTY, 2001),  # Albania
        ("ARM", PARTY, 2011),  # Armenia
        ("BDI", PARTY, 2013),  # Burundi
        ("BEL", PARTY, 2004),  # Belgium
        ("BEN", PARTY, 1999),  # Benin
        ("BFA", PARTY, 2006),  # Burkina Faso
        ("BGR", PARTY, 1999),  # Bulgaria
        ("BLR", PARTY, 2016),  # Belarus
        ("BWA", PARTY, 2017),  # Botswana
        ("CHE", PARTY, 1999),  # Switzerland
        ("CIV", PARTY, 2004),  # Côte d'Ivoire
        ("COG", PARTY, 1999),  # Congo
        ("CYP", PARTY, 2008),  # Cyprus
        ("CZE", PARTY, 2006),  # Czechia
        ("DEU", PARTY, 1999),  # Germany
        ("DJI", PARTY, 2004),  # Djibouti
        ("DNK", PARTY, 1999),  # Denmark
        ("DZA", PARTY, 2006),  # Algeria
        ("EGY", PARTY, 1999),  # Egypt
        ("ESP", PARTY, 2001),  # Spain
        ("EST", PARTY, 2008),  # Estonia
        ("ETH", PARTY, 2010),  # Ethiopia
        ("EUU", PARTY, 2005),  # European Union
        ("FIN", PARTY, 1999),  # Finland
        ("FRA", PARTY, 2003),  # France
        ("GAB", PARTY, 2008),  # Gabon
        ("GBR", PARTY, 1999),  # United Kingdom
        ("GEO", PARTY, 2001),  # Georgia
        ("GHA", PARTY, 2007),  # Ghana
        ("GIN", PARTY, 1999),  # Guinea
        ("GMB", PARTY, 1999),  # Gambia
        ("GNB", PARTY, 2006),  # Guinea-Bissau
        ("GNQ", PARTY, 2010),  # Equatorial Guinea
        ("HRV", PARTY, 2000),  # Croatia
        ("HUN", PARTY, 2003),  # Hungary
        ("IRL", PARTY, 2003),  # Ireland
        ("ISR", PARTY, 2002),  # Israel
        ("ITA", PARTY, 2006),  # Italy
        ("JOR", PARTY, 1999),  # Jordan
        ("KEN", PARTY, 2002),  # Kenya
        ("LBN", PARTY, 2002),  # Lebanon
        ("LBY", PARTY, 2005),  # Libya
        ("LTU", PARTY, 2004),  # Lithuania
        ("LUX", PARTY, 2003),  # Luxembourg
        ("LVA", PARTY, 2009),  # Latvia
        ("MAR", PARTY, 2012),  # Morocco
        ("MCO", PARTY, 1999),  # Monaco
        ("MDA", PARTY, 2001),  # Moldova
        ("MDG", PARTY, 2003),  # Madagascar
        ("MKD", PARTY, 1999),  # North Macedonia
        ("MLI", PARTY, 1999),  # Mali
        ("MNE", PARTY, 2011),  # Montenegro
        ("MRT", PARTY, 2007),  # Mauritania
        ("MUS", PARTY, 2001),  # Mauritius
        ("NER", PARTY, 1999),  # Niger
        ("NGA", PARTY, 2002),  # Nigeria
        ("NLD", PARTY, 1999),  # Netherlands
        ("NOR", PARTY, 2013),  # Norway
        ("PRT", PARTY, 2004),  # Portugal
        ("PSE", PARTY, 2016),  # Palestine, State of
        ("ROU", PARTY, 1999),  # Romania
        ("RWA", PARTY, 2015),  # Rwanda
        ("SDN", PARTY, 2005),  # Sudan
        ("SEN", PARTY, 1999),  # Senegal
        ("SVK", PARTY, 2001),  # Slovakia
        ("SVN", PARTY, 2003),  # Slovenia
        ("SWE", PARTY, 1999),  # Sweden
        ("SWZ", PARTY, 2013),  # Eswatini
        ("SYR", PARTY, 2003),  # Syria
        ("TCD", PARTY, 2009),  # Chad
        ("TGO", PARTY, 1999),  # Togo
        ("TUN", PARTY, 2005),  # Tunisia
        ("TZA", PARTY, 1999),  # Tanzania
        ("UGA", PARTY, 2001),  # Uganda
        ("UKR", PARTY, 2003),  # Ukraine
        ("UZB", PARTY, 2004),  # Uzbekistan
        ("ZAF", PARTY, 1999),  # South Africa
        ("ZWE", PARTY, 2013),  # Zimbabwe
        ("CAN", RANGE_STATE, 1999),  # Canada
        ("GRC", RANGE_STATE, 1999),  # Greece
        ("IRN", RANGE_STATE, 1999),  # Iran
        ("NAM", RANGE_STATE, 1999),  # Namibia
        ("RUS", RANGE_STATE, 1999),  # Russian Federation
        ("SAU", RANGE_STATE, 1999),  # Saudi Arabia
        ("TUR", RANGE_STATE, 1999),  # Türkiye
        ("ZMB", RANGE_STATE, 1999),  # Zambia
    ],
    "ASCOBANS": [
        ("BEL", PARTY, 1993),  # Belgium
        ("DEU", PARTY, 1993),  # Germany
        ("DNK", PARTY, 1994),  # Denmark
        ("FIN", PARTY, 1999),  # Finland
        ("FRA", PARTY, 2005),  # France
        ("GBR", PARTY, 1993),  # United Kingdom
        ("LTU", PARTY, 2004),  # Lithuania
        ("NLD", PARTY, 1994),  # Netherlands
        ("POL", PARTY, 1996),  # Poland
        ("SWE", PARTY, 1994),  # Sweden
    ],
    "EUROBATS": [
        ("ALB", PARTY, 2001),  # Albania
        ("BEL", PARTY, 2003),  # Belgium
        ("BGR", PARTY, 2000),  # Bulgaria
        ("BIH", PARTY, 2012),  # Bosnia and Herzegovina
        ("CHE", PARTY, 2013),  # Switzerland
        ("CYP", PARTY, 2012),  # Cyprus
        ("CZE", PARTY, 1994),  # Czechia
        ("DEU", PARTY, 1994),  # Germany
        ("DNK", PARTY, 1994),  # Denmark
        ("EST", PARTY, 2005),  # Estonia
        ("FIN", PARTY, 1999),  # Finland
        ("FRA", PARTY, 1995),  # France
        ("GBR", PARTY, 1994),  # United Kingdom
        ("GEO", PARTY, 2002),  # Georgia
        ("HRV", PARTY, 2000),  # Croatia
        ("HUN", PARTY, 1994),  # Hungary
        ("IRL", PARTY, 1995),  # Ireland
        ("ITA", PARTY, 2005),  # Italy
        ("LTU", PARTY, 2001),  # Lithuania
        ("LUX", PARTY, 1994),  # Luxembourg
        ("LVA", PARTY, 2003),  # Latvia
        ("MCO", PARTY, 1999),  # Monaco
        ("MDA", PARTY, 2001),  # Moldova
        ("MKD", PARTY, 1999),  # North Macedonia
        ("MLT", PARTY, 2001),  # Malta
        ("MNE", PARTY, 2011),  # Montenegro
        ("NLD", PARTY, 1994),  # Netherlands
        ("NOR", PARTY, 1994),  # Norway
        ("POL", PARTY, 1996),  # Poland
        ("PRT", PARTY, 1996),  # Portugal
        ("ROU", PARTY, 2000),  # Romania
        ("SMR", PARTY, 2009),  # San Marino
        ("SVK", PARTY, 1998),  # Slovakia
        ("SVN", PARTY, 2004),  # Slovenia
        ("SWE", PARTY, 1994),  # Sweden
        ("UKR", PARTY, 1999),  # Ukraine
    ],
    "ACAP": [
        ("ARG", PARTY, 2006),  # Argentina
        ("AUS", PARTY, 2004),  # Australia
        ("BRA", PARTY, 2008),  # Brazil
        ("CHL", PARTY, 2005),  # Chile
        ("ECU", PARTY, 2004),  # Ecuador
        ("ESP", PARTY, 2004),  # Spain
        ("FRA", PARTY, 2005),  # France
        ("GBR", PARTY, 2004),  # United Kingdom
        ("NOR", PARTY, 2007),  # Norway
        ("NZL", PARTY, 2004),  # New Zealand
        ("PER", PARTY, 2005),  # Peru
        ("URY", PARTY, 2008),  # Uruguay
        ("ZAF", PARTY, 2004),  # South Africa
    ],
    "RAPTORS": [
        ("AFG", SIGNATORY, 2016),  # Afghanistan
        ("ARE", SIGNATORY, 2008),  # United Arab Emirates
        ("ARM", SIGNATORY, 2014),  # Armenia
        ("BEN", SIGNATORY, 2010),  # Benin
        ("BGR", SIGNATORY, 2012),  # Bulgaria
        ("CHE", SIGNATORY, 2009),  # Switzerland
        ("CIV", SIGNATORY, 2009),  # Côte d'Ivoire
        ("CYP", SIGNATORY, 2009),  # Cyprus
        ("CZE", SIGNATORY, 2009),  # Czechia
        ("DEU", SIGNATORY, 2008),  # Germany
        ("DJI", SIGNATORY, 2011),  # Djibouti
        ("DNK", SIGNATORY, 2009),  # Denmark
        ("EGY", SIGNATORY, 2009),  # Egypt
        ("ESP", SIGNATORY, 2013),  # Spain
        ("ETH", SIGNATORY, 2012),  # Ethiopia
        ("EUU", SIGNATORY, 2012),  # European Union
        ("FIN", SIGNATORY, 2010),  # Finland
        ("GBR", SIGNATORY, 2008),  # United Kingdom
        ("GEO", SIGNATORY, 2014),  # Georgia
        ("GHA", SIGNATORY, 2008),  # Ghana
        ("GIN", SIGNATORY, 2008),  # Guinea
        ("GMB", SIGNATORY, 2008),  # Gambia
        ("GNB", SIGNATORY, 2011),  # Guinea-Bissau
        ("GRC", SIGNATORY, 2009),  # Greece
        ("HRV", SIGNATORY, 2009),  # Croatia
        ("HUN", SIGNATORY, 2008),  # Hungary
        ("IND", SIGNATORY, 2016),  # India
        ("IRN", SIGNATORY, 2009),  # Iran
        ("ISR", SIGNATORY, 2009),  # Israel
        ("ITA", SIGNATORY, 2009),  # Italy
        ("JOR", SIGNATORY, 2009),  # Jordan
        ("KEN", SIGNATORY, 2008),  # Kenya
        ("LBR", SIGNATORY, 2009),  # Liberia
        ("LUX", SIGNATORY, 2009),  # Luxembourg
        ("MAR", SIGNATORY, 2009),  # Morocco
        ("MKD", SIGNATORY, 2009),  # North Macedonia
        ("MLI", SIGNATORY, 2008),  # Mali
        ("MNE", SIGNATORY, 2009),  # Montenegro
        ("MNG", SIGNATORY, 2011),  # Mongolia
        ("MRT", SIGNATORY, 2010),  # Mauritania
        ("NER", SIGNATORY, 2008),  # Niger
        ("NGA", SIGNATORY, 2009),  # Nigeria
        ("NLD", SIGNATORY, 2009),  # Netherlands
        ("NOR", SIGNATORY, 2009),  # Norway
        ("PAK", SIGNATORY, 2008),  # Pakistan
        ("PRT", SIGNATORY, 2009),  # Portugal
        ("ROU", SIGNATORY, 2012),  # Romania
        ("RWA", SIGNATORY, 2016),  # Rwanda
        ("SAU", SIGNATORY, 2009),  # Saudi Arabia
        ("SEN", SIGNATORY, 2008),  # Senegal
        ("SOM", SIGNATORY, 2009),  # Somalia
        ("SVK", SIGNATORY, 2009),  # Slovakia
        ("SWE", SIGNATORY, 2008),  # Sweden
        ("SYR", SIGNATORY, 2009),  # Syria
        ("TCD", SIGNATORY, 2011),  # Chad
        ("TGO", SIGNATORY, 2009),  # Togo
        ("TJK", SIGNATORY, 2009),  # Tajikistan
        ("TUN", SIGNATORY, 2009),  # Tunisia
        ("TZA", SIGNATORY, 2009),  # Tanzania
        ("UGA", SIGNATORY, 2009),  # Uganda
        ("YEM", SIGNATORY, 2009),  # Yemen
        ("ZAF", SIGNATORY, 2009),  # South Africa
        ("ZWE", SIGNATORY, 2014),  # Zimbabwe
    ],
    "SHARKS": [
        ("ARE", SIGNATORY, 2016),  # United Arab Emirates
        ("AUS", SIGNATORY, 2010),  # Australia
        ("BEL", SIGNATORY, 2010),  # Belgium
        ("BEN", SIGNATORY, 2016),  # Benin
        ("BRA", SIGNATORY, 2015),  # Brazil
        ("CHL", SIGNATORY, 2010),  # Chile
        ("CIV", SIGNATORY, 2014),  # Côte d'Ivoire
        ("COG", SIGNATORY, 2010),  # Congo
        ("COL", SIGNATORY, 2010),  # Colombia
        ("COM", SIGNATORY, 2011),  # Comoros
        ("CPV", SIGNATORY, 2016),  # Cabo Verde
        ("CRI", SIGNATORY, 2010),  # Costa Rica
        ("DEU", SIGNATORY, 2010),  # Germany
        ("DNK", SIGNATORY, 2010),  # Denmark
        ("ECU", SIGNATORY, 2015),  # Ecuador
        ("EGY", SIGNATORY, 2016),  # Egypt
        ("ESP", SIGNATORY, 2014),  # Spain
        ("EUU", SIGNATORY, 2010),  # European Union
        ("FJI", SIGNATORY, 2016),  # Fiji
        ("FRA", SIGNATORY, 2016),  # France
        ("GBR", SIGNATORY, 2010),  # United Kingdom
        ("GHA", SIGNATORY, 2010),  # Ghana
        ("GIN", SIGNATORY, 2010),  # Guinea
        ("GMB", SIGNATORY, 2016),  # Gambia
        ("GNB", SIGNATORY, 2010),  # Guinea-Bissau
        ("ITA", SIGNATORY, 2010),  # Italy
        ("KEN", SIGNATORY, 2010),  # Kenya
        ("LBR", SIGNATORY, 2010),  # Liberia
        ("LBY", SIGNATORY, 2010),  # Libya
        ("MCO", SIGNATORY, 2014),  # Monaco
        ("MDG", SIGNATORY, 2016),  # Madagascar
        ("MOZ", SIGNATORY, 2018),  # Mozambique
        ("MRT", SIGNATORY, 2010),  # Mauritania
        ("NGA", SIGNATORY, 2010),  # Nigeria
        ("NLD", SIGNATORY, 2010),  # Netherlands
        ("NRU", SIGNATORY, 2016),  # Nauru
        ("NZL", SIGNATORY, 2010),  # New Zealand
        ("PAN", SIGNATORY, 2016),  # Panama
        ("PHL", SIGNATORY, 2010),  # Philippines
        ("PLW", SIGNATORY, 2010),  # Palau
        ("PRT", SIGNATORY, 2016),  # Portugal
        ("SEN", SIGNATORY, 2010),  # Senegal
        ("SLE", SIGNATORY, 2018),  # Sierra Leone
        ("SWE", SIGNATORY, 2010),  # Sweden
        ("SYR", SIGNATORY, 2010),  # Syria
        ("TGO", SIGNATORY, 2010),  # Togo
        ("USA", SIGNATORY, 2010),  # United States
        ("WSM", SIGNATORY, 2013),  # Samoa
        ("YEM", SIGNATORY, 2010),  # Yemen
        ("ZAF", SIGNATORY, 2018),  # South Africa
    ],
    "DUGONG": [
        ("ARE", SIGNATORY, 2007),  # United Arab Emirates
        ("AUS", SIGNATORY, 2007),  # Australia
        ("BHR", SIGNATORY, 2009),  # Bahrain
        ("COM", SIGNATORY, 2007),  # Comoros
        ("DJI", SIGNATORY, 2017),  # Djibouti
        ("EGY", SIGNATORY, 2017),  # Egypt
        ("ERI", SIGNATORY, 2008),  # Eritrea
        ("FRA", SIGNATORY, 2007),  # France
        ("IND", SIGNATORY, 2008),  # India
        ("JOR", SIGNATORY, 2014),  # Jordan
        ("KEN", SIGNATORY, 2007),  # Kenya
        ("KHM", SIGNATORY, 2011),  # Cambodia
        ("LKA", SIGNATORY, 2007),  # Sri Lanka
        ("MDG", SIGNATORY, 2007),  # Madagascar
        ("MMR", SIGNATORY, 2007),  # Myanmar
        ("MOZ", SIGNATORY, 2008),  # Mozambique
        ("MUS", SIGNATORY, 2014),  # Mauritius
        ("PAK", SIGNATORY, 2010),  # Pakistan
        ("PHL", SIGNATORY, 2007),  # Philippines
        ("PLW", SIGNATORY, 2008),  # Palau
        ("PNG", SIGNATORY, 2010),  # Papua New Guinea
        ("SAU", SIGNATORY, 2015),  # Saudi Arabia
        ("SDN", SIGNATORY, 2009),  # Sudan
        ("SLB", SIGNATORY, 2011),  # Solomon Islands
        ("SYC", SIGNATORY, 2012),  # Seychelles
        ("TZA", SIGNATORY, 2007),  # Tanzania
        ("VUT", SIGNATORY, 2010),  # Vanuatu
        ("YEM", SIGNATORY, 2007),  # Yemen
    ],
    "IOSEA": [
        ("ARE", SIGNATORY, 2005),  # United Arab Emirates
        ("AUS", SIGNATORY, 2001),  # Australia
        ("BGD", SIGNATORY, 2005),  # Bangladesh
        ("BHR", SIGNATORY, 2009),  # Bahrain
        ("COM", SIGNATORY, 2001),  # Comoros
        ("EGY", SIGNATORY, 2015),  # Egypt
        ("ERI", SIGNATORY, 2005),  # Eritrea
        ("FRA", SIGNATORY, 2002),  # France
        ("GBR", SIGNATORY, 2001),  # United Kingdom
        ("IDN", SIGNATORY, 2005),  # Indonesia
        ("IND", SIGNATORY, 2007),  # India
        ("IRN", SIGNATORY, 2001),  # Iran
        ("JOR", SIGNATORY, 2002),  # Jordan
        ("KEN", SIGNATORY, 2002),  # Kenya
        ("KHM", SIGNATORY, 2010),  # Cambodia
        ("LKA", SIGNATORY, 2001),  # Sri Lanka
        ("MDG", SIGNATORY, 2003),  # Madagascar
        ("MMR", SIGNATORY, 2001),  # Myanmar
        ("MOZ", SIGNATORY, 2001),  # Mozambique
        ("MUS", SIGNATORY, 2002),  # Mauritius
        ("MYS", SIGNATORY, 2015),  # Malaysia
        ("OMN", SIGNATORY, 2004),  # Oman
        ("PAK", SIGNATORY, 2005),  # Pakistan
        ("PHL", SIGNATORY, 2001),  # Philippines
        ("PNG", SIGNATORY, 2012),  # Papua New Guinea
        ("QAT", SIGNATORY, 2016),  # Qatar
        ("SAU", SIGNATORY, 2005),  # Saudi Arabia
        ("SDN", SIGNATORY, 2002),  # Sudan
        ("SYC", SIGNATORY, 2002),  # Seychelles
        ("THA", SIGNATORY, 2002),  # Thailand
        ("TLS", SIGNATORY, 2018),  # Timor-Leste
        ("TZA", SIGNATORY, 2001),  # Tanzania
        ("USA", SIGNATORY, 2001),  # United States
        ("VNM", SIGNATORY, 2001),  # Vietnam
        ("YEM", SIGNATORY, 2005),  # Yemen
        ("ZAF", SIGNATORY, 2005),  # South Africa
    ],
    "GREAT-BUSTARD": [
        ("ALB", SIGNATORY, 2001),  # Albania
        ("AUT", SIGNATORY, 2000),  # Austria
        ("BGR", SIGNATORY, 2001),  # Bulgaria
        ("CZE", SIGNATORY, 2001),  # Czechia
        ("DEU", SIGNATORY, 2001),  # Germany
        ("GRC", SIGNATORY, 2001),  # Greece
        ("HRV", SIGNATORY, 2001),  # Croatia
        ("HUN", SIGNATORY, 2000),  # Hungary
        ("MDA", SIGNATORY, 2001),  # Moldova
        ("MNE", SIGNATORY, 2008),  # Montenegro
        ("ROU", SIGNATORY, 2001),  # Romania
        ("SVK", SIGNATORY, 2001),  # Slovakia
        ("UKR", SIGNATORY, 2001),  # Ukraine
    ],
}
