"""Generate the state-level CSVs of `kg/gazetteer/data/` (states, names, demonyms, capitals).

Inputs: `/work/shared/eval/reference/countries_fr_en.csv` (135 states, see its SOURCES.md for
licences), CLDR territory names through `babel`, and the hand-written tables below for the states
the reference file lacks and for the news variants. `metonyms.csv` (seats of power), `igos.csv`,
`igo_aliases.csv`, `persons.csv`, `offices.csv` and `ambiguous.csv` are hand-curated and not
touched by this script, except that the capital rows of `metonyms.csv` are regenerated.

Run: `.venv/bin/python tools/build_gazetteer.py [path/to/countries_fr_en.csv]`.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import babel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kg" / "gazetteer" / "data"
REFERENCE = Path("/work/shared/eval/reference/countries_fr_en.csv")

# --- states missing from the reference file -------------------------------------------------
# iso2|iso3|qid|capital_en|capital_fr|demonym_en|fr m sg,f sg,m pl,f pl
MISSING = """
AD|AND|Q228|Andorra la Vella|Andorre-la-Vieille|Andorran|andorran,andorrane,andorrans,andorranes
AG|ATG|Q781|Saint John's|Saint John's|Antiguan|antiguais,antiguaise,antiguais,antiguaises
BB|BRB|Q244|Bridgetown|Bridgetown|Barbadian|barbadien,barbadienne,barbadiens,barbadiennes
BJ|BEN|Q962|Porto-Novo|Porto-Novo|Beninese|béninois,béninoise,béninois,béninoises
BN|BRN|Q921|Bandar Seri Begawan|Bandar Seri Begawan|Bruneian|brunéien,brunéienne,brunéiens,brunéiennes
BS|BHS|Q778|Nassau|Nassau|Bahamian|bahamien,bahamienne,bahamiens,bahamiennes
BT|BTN|Q917|Thimphu|Thimphou|Bhutanese|bhoutanais,bhoutanaise,bhoutanais,bhoutanaises
BW|BWA|Q963|Gaborone|Gaborone|Botswanan|botswanais,botswanaise,botswanais,botswanaises
BZ|BLZ|Q242|Belmopan|Belmopan|Belizean|bélizien,bélizienne,béliziens,béliziennes
CR|CRI|Q800|San José|San José|Costa Rican|costaricien,costaricienne,costariciens,costariciennes
CV|CPV|Q1011|Praia|Praia|Cape Verdean|cap-verdien,cap-verdienne,cap-verdiens,cap-verdiennes
DM|DMA|Q784|Roseau|Roseau|Dominican|dominiquais,dominiquaise,dominiquais,dominiquaises
DO|DOM|Q786|Santo Domingo|Saint-Domingue|Dominican|dominicain,dominicaine,dominicains,dominicaines
FJ|FJI|Q712|Suva|Suva|Fijian|fidjien,fidjienne,fidjiens,fidjiennes
FM|FSM|Q702|Palikir|Palikir|Micronesian|micronésien,micronésienne,micronésiens,micronésiennes
GA|GAB|Q1000|Libreville|Libreville|Gabonese|gabonais,gabonaise,gabonais,gabonaises
GD|GRD|Q769|St. George's|Saint-Georges|Grenadian|grenadien,grenadienne,grenadiens,grenadiennes
GM|GMB|Q1005|Banjul|Banjul|Gambian|gambien,gambienne,gambiens,gambiennes
GN|GIN|Q1006|Conakry|Conakry|Guinean|guinéen,guinéenne,guinéens,guinéennes
GQ|GNQ|Q983|Malabo|Malabo|Equatorial Guinean|équato-guinéen,équato-guinéenne,équato-guinéens,équato-guinéennes
GT|GTM|Q774|Guatemala City|Guatemala|Guatemalan|guatémaltèque,guatémaltèque,guatémaltèques,guatémaltèques
GW|GNB|Q1007|Bissau|Bissau|Bissau-Guinean|bissau-guinéen,bissau-guinéenne,bissau-guinéens,bissau-guinéennes
GY|GUY|Q734|Georgetown|Georgetown|Guyanese|guyanien,guyanienne,guyaniens,guyaniennes
HN|HND|Q783|Tegucigalpa|Tegucigalpa|Honduran|hondurien,hondurienne,honduriens,honduriennes
JM|JAM|Q766|Kingston|Kingston|Jamaican|jamaïcain,jamaïcaine,jamaïcains,jamaïcaines
KI|KIR|Q710|South Tarawa|Tarawa-Sud|I-Kiribati|kiribatien,kiribatienne,kiribatiens,kiribatiennes
KM|COM|Q970|Moroni|Moroni|Comoran|comorien,comorienne,comoriens,comoriennes
KN|KNA|Q763|Basseterre|Basseterre|Kittitian|kittitien,kittitienne,kittitiens,kittitiennes
LC|LCA|Q760|Castries|Castries|Saint Lucian|saint-lucien,saint-lucienne,saint-luciens,saint-luciennes
LI|LIE|Q347|Vaduz|Vaduz|Liechtensteiner|liechtensteinois,liechtensteinoise,liechtensteinois,liechtensteinoises
LR|LBR|Q1014|Monrovia|Monrovia|Liberian|libérien,libérienne,libériens,libériennes
LS|LSO|Q1013|Maseru|Maseru|Basotho|lesothan,lesothane,lesothans,lesothanes
MC|MCO|Q235|Monaco|Monaco|Monegasque|monégasque,monégasque,monégasques,monégasques
MG|MDG|Q1019|Antananarivo|Antananarivo|Malagasy|malgache,malgache,malgaches,malgaches
MH|MHL|Q709|Majuro|Majuro|Marshallese|marshallais,marshallaise,marshallais,marshallaises
MR|MRT|Q1025|Nouakchott|Nouakchott|Mauritanian|mauritanien,mauritanienne,mauritaniens,mauritaniennes
MT|MLT|Q233|Valletta|La Valette|Maltese|maltais,maltaise,maltais,maltaises
MU|MUS|Q1027|Port Louis|Port-Louis|Mauritian|mauricien,mauricienne,mauriciens,mauriciennes
MV|MDV|Q826|Malé|Malé|Maldivian|maldivien,maldivienne,maldiviens,maldiviennes
MW|MWI|Q1020|Lilongwe|Lilongwe|Malawian|malawite,malawite,malawites,malawites
NA|NAM|Q1030|Windhoek|Windhoek|Namibian|namibien,namibienne,namibiens,namibiennes
NI|NIC|Q811|Managua|Managua|Nicaraguan|nicaraguayen,nicaraguayenne,nicaraguayens,nicaraguayennes
NR|NRU|Q697|Yaren|Yaren|Nauruan|nauruan,nauruane,nauruans,nauruanes
PG|PNG|Q691|Port Moresby|Port Moresby|Papua New Guinean|papouan-néo-guinéen,papouane-néo-guinéenne,papouans-néo-guinéens,papouanes-néo-guinéennes
PW|PLW|Q695|Ngerulmud|Ngerulmud|Palauan|palaosien,palaosienne,palaosiens,palaosiennes
PY|PRY|Q733|Asunción|Asuncion|Paraguayan|paraguayen,paraguayenne,paraguayens,paraguayennes
SB|SLB|Q685|Honiara|Honiara|Solomon Islander|salomonais,salomonaise,salomonais,salomonaises
SC|SYC|Q1042|Victoria|Victoria|Seychellois|seychellois,seychelloise,seychellois,seychelloises
SL|SLE|Q1044|Freetown|Freetown|Sierra Leonean|sierra-léonais,sierra-léonaise,sierra-léonais,sierra-léonaises
SM|SMR|Q238|San Marino|Saint-Marin|Sammarinese|saint-marinais,saint-marinaise,saint-marinais,saint-marinaises
SR|SUR|Q730|Paramaribo|Paramaribo|Surinamese|surinamais,surinamaise,surinamais,surinamaises
ST|STP|Q1039|São Tomé|Sao Tomé|São Toméan|santoméen,santoméenne,santoméens,santoméennes
SV|SLV|Q792|San Salvador|San Salvador|Salvadoran|salvadorien,salvadorienne,salvadoriens,salvadoriennes
SZ|SWZ|Q1050|Mbabane|Mbabane|Swazi|swazi,swazie,swazis,swazies
TG|TGO|Q945|Lomé|Lomé|Togolese|togolais,togolaise,togolais,togolaises
TL|TLS|Q574|Dili|Dili|Timorese|timorais,timoraise,timorais,timoraises
TO|TON|Q678|Nukuʻalofa|Nukuʻalofa|Tongan|tongien,tongienne,tongiens,tongiennes
TT|TTO|Q754|Port of Spain|Port-d'Espagne|Trinidadian|trinidadien,trinidadienne,trinidadiens,trinidadiennes
TV|TUV|Q672|Funafuti|Funafuti|Tuvaluan|tuvaluan,tuvaluane,tuvaluans,tuvaluanes
UY|URY|Q77|Montevideo|Montevideo|Uruguayan|uruguayen,uruguayenne,uruguayens,uruguayennes
VC|VCT|Q757|Kingstown|Kingstown|Vincentian|vincentais,vincentaise,vincentais,vincentaises
VU|VUT|Q686|Port Vila|Port-Vila|Ni-Vanuatu|vanuatais,vanuataise,vanuatais,vanuataises
WS|WSM|Q683|Apia|Apia|Samoan|samoan,samoane,samoans,samoanes
ZM|ZMB|Q953|Lusaka|Lusaka|Zambian|zambien,zambienne,zambiens,zambiennes
MO|MAC|Q14773|Macau|Macao|Macanese|macanais,macanaise,macanais,macanaises
"""

# Codes that differ from the reference file, and QIDs it lacks.
ISO3_FIX = {"UNK": "XKX"}  # Kosovo: no ISO code; XKX is the user-assigned code used by the EU/IMF
QID_FIX = {"XKX": "Q1246"}

# Capitals (French) the reference leaves empty, and English capitals to correct.
CAPITAL_FR = {
    "AUS": "Canberra",
    "BHR": "Manama",
    "BOL": "Sucre",
    "BRA": "Brasilia",
    "BDI": "Gitega",
    "CMR": "Yaoundé",
    "CAN": "Ottawa",
    "TCD": "N'Djamena",
    "CHN": "Pékin",
    "CIV": "Yamoussoukro",
    "ECU": "Quito",
    "IND": "New Delhi",
    "KAZ": "Astana",
    "KWT": "Koweït",
    "MAR": "Rabat",
    "MMR": "Naypyidaw",
    "NZL": "Wellington",
    "NGA": "Abuja",
    "PAK": "Islamabad",
    "PSE": "Ramallah",
    "PAN": "Panama",
    "QAT": "Doha",
    "ZAF": "Pretoria",
    "CHE": "Berne",
    "TZA": "Dodoma",
    "TUR": "Ankara",
    "ARE": "Abou Dabi",
    "USA": "Washington",
    "VAT": "Vatican",
    "VNM": "Hanoï",
    "YEM": "Sanaa",
    "XKX": "Pristina",
    "LBY": "Tripoli",
    "HKG": "",
    "UKR": "Kiev",
}
CAPITAL_EN = {"USA": "Washington", "HKG": "", "UKR": "Kyiv", "VAT": "Vatican City"}

# English names to prefer over CLDR's short forms.
NAME_EN = {
    "BIH": "Bosnia and Herzegovina",
    "COG": "Republic of the Congo",
    "COD": "Democratic Republic of the Congo",
    "CIV": "Ivory Coast",
    "HKG": "Hong Kong",
    "MAC": "Macau",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "TUR": "Turkey",
    "ATG": "Antigua and Barbuda",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "VCT": "Saint Vincent and the Grenadines",
    "STP": "São Tomé and Príncipe",
    "TTO": "Trinidad and Tobago",
    "CZE": "Czech Republic",
    "VAT": "Vatican City",
    "TLS": "East Timor",
    "CPV": "Cape Verde",
    "XKX": "Kosovo",
}
NAME_FR = {
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "MMR": "Birmanie",
    "PSE": "Palestine",
    "COG": "république du Congo",
    "COD": "république démocratique du Congo",
    "VAT": "Vatican",
    "TLS": "Timor oriental",
    "XKX": "Kosovo",
}

# Status of entries that are not UN member states.
STATUS = {
    "VAT": "observer",
    "PSE": "observer",
    "TWN": "partially_recognised",
    "XKX": "partially_recognised",
    "ESH": "disputed_territory",
    "HKG": "territory",
    "MAC": "territory",
}

# Which office leads the executive. Default: head_of_state.
HEAD_OF_GOVERNMENT_LED = set(
    """ALB AND ARM ATG AUS AUT BHS BGD BEL BIH BGR BLZ BRB BTN KHM CAN CPV HRV CZE DNK DMA EST
    ETH FIN FJI DEU GEO GRC GRD HUN ISL IND IRN IRQ IRL ISR ITA JAM JPN KNA LCA LIE LVA LBN LSO
    LBY LUX MYS MLT MUS MNG MNE NPL NLD NZL MKD NOR PAK PNG POL PRT SGP SVK SVN SLB ESP STP SWE
    THA TLS TON TTO TUV GBR VCT VUT WSM XKX HKG MAC""".split()
)
# President who is also head of government (no separate prime minister).
COMBINED_HEAD = set(
    """USA BRA ARG MEX IDN CHL COL ECU BOL VEN PRY URY CRI PAN GTM HND SLV NIC DOM PHL NGA GHA
    KEN ZAF BWA ZMB MWI LBR SLE GMB SYC CYP MDV KIR NRU MHL FSM PLW SUR BEN AGO COM SSD TKM CHE
    ERI ZWE""".split()
)
# Where the title "président" names another office than head_of_state.
PRESIDENT_OFFICE = {"IRN": "head_of_government"}

# English adjective / demonym overrides: iso3 -> (adjective, demonym).
EN_ADJ = {
    "ISL": ("Icelandic", "Icelander"),
    "DNK": ("Danish", "Dane"),
    "FIN": ("Finnish", "Finn"),
    "GBR": ("British", "Briton"),
    "NLD": ("Dutch", "Dutch"),
    "NZL": ("New Zealand", "New Zealander"),
    "POL": ("Polish", "Pole"),
    "ESP": ("Spanish", "Spaniard"),
    "SWE": ("Swedish", "Swede"),
    "TUR": ("Turkish", "Turk"),
    "SAU": ("Saudi", "Saudi"),
    "PHL": ("Philippine", "Filipino"),
    "IRL": ("Irish", "Irish"),
    "LUX": ("Luxembourgish", "Luxembourger"),
    "HKG": ("Hong Kong", "Hongkonger"),
    "KAZ": ("Kazakh", "Kazakhstani"),
    "KGZ": ("Kyrgyz", "Kyrgyz"),
    "TJK": ("Tajik", "Tajik"),
    "UZB": ("Uzbek", "Uzbek"),
    "BIH": ("Bosnian", "Bosnian"),
    "SVN": ("Slovenian", "Slovene"),
    "ECU": ("Ecuadorian", "Ecuadorian"),
    "LAO": ("Lao", "Laotian"),
    "DJI": ("Djiboutian", "Djiboutian"),
    "BFA": ("Burkinabe", "Burkinabe"),
    "LIE": ("Liechtenstein", "Liechtensteiner"),
    "LSO": ("Lesotho", "Mosotho"),
    "KIR": ("Kiribati", "I-Kiribati"),
    "VUT": ("Vanuatuan", "Ni-Vanuatu"),
    "SLB": ("Solomon Islands", "Solomon Islander"),
    "BWA": ("Botswanan", "Motswana"),
    "MMR": ("Burmese", "Burmese"),
    "TKM": ("Turkmen", "Turkmen"),
    "CHE": ("Swiss", "Swiss"),
    "ARE": ("Emirati", "Emirati"),
    "VAT": ("Vatican", "Vatican"),
    "MAC": ("Macanese", "Macanese"),
    "TLS": ("Timorese", "Timorese"),
    "SWZ": ("Swazi", "Swazi"),
    "CZE": ("Czech", "Czech"),
    "ESH": ("Sahrawi", "Sahrawi"),
    "BGD": ("Bangladeshi", "Bangladeshi"),
    "TZA": ("Tanzanian", "Tanzanian"),
    "GHA": ("Ghanaian", "Ghanaian"),
    "CIV": ("Ivorian", "Ivorian"),
}
# Extra adjectives: iso3 -> (lang, form), all treated as invariable extra forms.
EXTRA_ADJ = {
    "USA": [
        ("fr", "états-unien"),
        ("fr", "états-unienne"),
        ("fr", "états-uniens"),
        ("fr", "états-uniennes"),
        ("fr", "étatsunien"),
        ("fr", "étasunien"),
        ("en", "US"),
        ("en", "U.S."),
        ("en", "Americans"),
    ],
    "GBR": [("en", "UK"), ("en", "U.K."), ("en", "Britons"), ("en", "Brits")],
    "BLR": [
        ("fr", "bélarusse"),
        ("fr", "bélarusses"),
        ("fr", "bélarussien"),
        ("fr", "bélarussienne"),
        ("fr", "bélarussiens"),
        ("fr", "bélarussiennes"),
        ("en", "Belarussian"),
        ("en", "Byelorussian"),
    ],
    "MMR": [("fr", "myanmarais"), ("fr", "myanmaraise"), ("fr", "myanmaraises")],
    "CRI": [
        ("fr", "costaricain"),
        ("fr", "costaricaine"),
        ("fr", "costaricains"),
        ("fr", "costaricaines"),
    ],
    "ARE": [
        ("fr", "émirati"),
        ("fr", "émiratie"),
        ("fr", "émiratis"),
        ("fr", "émiraties"),
        ("en", "UAE"),
    ],
    "KAZ": [("fr", "kazakh"), ("fr", "kazakhe"), ("fr", "kazakhs"), ("fr", "kazakhes")],
    "KGZ": [("fr", "kirghiz")],
    "SAU": [("en", "Saudi Arabian")],
    "TLS": [
        ("fr", "est-timorais"),
        ("fr", "est-timoraise"),
        ("fr", "est-timoraises"),
        ("en", "East Timorese"),
    ],
    "PRK": [("en", "DPRK"), ("fr", "nordcoréen"), ("fr", "nord coréen")],
    "KOR": [("en", "ROK")],
    "ECU": [("en", "Ecuadorean")],
    "PHL": [("en", "Filipino")],
    "MDA": [("fr", "moldove"), ("fr", "moldoves"), ("en", "Moldavian")],
    "VNM": [("en", "Viet")],
    "NLD": [("fr", "hollandais"), ("fr", "hollandaise"), ("fr", "hollandaises")],
}
# French adjective corrections to the reference file: iso3 -> m sg,f sg,m pl,f pl
FR_ADJ_FIX = {
    "NZL": "néo-zélandais,néo-zélandaise,néo-zélandais,néo-zélandaises",
    "ARE": "émirien,émirienne,émiriens,émiriennes",
    "ESH": "sahraoui,sahraouie,sahraouis,sahraouies",
    "TJK": "tadjik,tadjike,tadjiks,tadjikes",
    "VAT": "vatican,vaticane,vaticans,vaticanes",
}

# Surface names per state: iso3 -> {lang: [forms]}; the CLDR/reference names are added too.
NAMES: dict[str, dict[str, list[str]]] = {
    "USA": {
        "fr": [
            "États-Unis",
            "Etats-Unis",
            "Etats Unis",
            "États-Unis d'Amérique",
            "Amérique",
            "USA",
            "E.-U.",
        ],
        "en": [
            "United States",
            "United States of America",
            "USA",
            "U.S.A.",
            "US",
            "U.S.",
            "America",
            "the United States",
        ],
    },
    "RUS": {"fr": ["Russie", "Fédération de Russie"], "en": ["Russia", "Russian Federation"]},
    "PRK": {
        "fr": [
            "Corée du Nord",
            "Nord-Corée",
            "la Corée du Nord",
            "RPDC",
            "République populaire démocratique de Corée",
            "Corée-du-Nord",
        ],
        "en": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    },
    "KOR": {
        "fr": ["Corée du Sud", "Sud-Corée", "République de Corée", "Corée-du-Sud"],
        "en": ["South Korea", "Republic of Korea", "ROK"],
    },
    "GBR": {
        "fr": ["Royaume-Uni", "Royaume Uni", "Grande-Bretagne", "Grande Bretagne", "Angleterre"],
        "en": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    },
    "CHN": {
        "fr": ["Chine", "République populaire de Chine", "RPC", "Chine populaire"],
        "en": ["China", "People's Republic of China", "PRC", "mainland China"],
    },
    "TWN": {
        "fr": ["Taïwan", "Taiwan", "République de Chine"],
        "en": ["Taiwan", "Republic of China"],
    },
    "BLR": {"fr": ["Biélorussie", "Bélarus", "Belarus"], "en": ["Belarus", "Byelorussia"]},
    "MMR": {"fr": ["Birmanie", "Myanmar"], "en": ["Myanmar", "Burma"]},
    "SYR": {"fr": ["Syrie"], "en": ["Syria"]},
    "IRN": {
        "fr": ["Iran", "République islamique d'Iran", "République islamique"],
        "en": ["Iran", "Islamic Republic of Iran", "Islamic Republic"],
    },
    "ISR": {
        "fr": ["Israël", "Israel", "État hébreu", "l'État hébreu", "État d'Israël"],
        "en": ["Israel", "State of Israel", "Jewish state"],
    },
    "PSE": {
        "fr": [
            "Palestine",
            "État de Palestine",
            "Territoires palestiniens",
            "Autorité palestinienne",
        ],
        "en": [
            "Palestine",
            "State of Palestine",
            "Palestinian territories",
            "Palestinian Authority",
        ],
    },
    "UKR": {"fr": ["Ukraine"], "en": ["Ukraine", "the Ukraine"]},
    "DEU": {
        "fr": ["Allemagne", "RFA", "République fédérale d'Allemagne"],
        "en": ["Germany", "Federal Republic of Germany"],
    },
    "FRA": {
        "fr": ["France", "République française", "Hexagone"],
        "en": ["France", "French Republic"],
    },
    "TUR": {"fr": ["Turquie", "Türkiye", "Turkiye"], "en": ["Turkey", "Türkiye", "Turkiye"]},
    "NLD": {"fr": ["Pays-Bas", "Hollande"], "en": ["Netherlands", "the Netherlands", "Holland"]},
    "CZE": {"fr": ["Tchéquie", "République tchèque"], "en": ["Czech Republic", "Czechia"]},
    "COD": {
        "fr": ["RDC", "RD Congo", "République démocratique du Congo", "Congo-Kinshasa"],
        "en": ["DRC", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    },
    "COG": {
        "fr": ["Congo-Brazzaville", "République du Congo"],
        "en": ["Republic of the Congo", "Congo-Brazzaville"],
    },
    "CIV": {"fr": ["Côte d'Ivoire", "Cote d'Ivoire"], "en": ["Ivory Coast", "Côte d'Ivoire"]},
    "ARE": {
        "fr": ["Émirats arabes unis", "EAU", "Émirats"],
        "en": ["United Arab Emirates", "UAE", "Emirates"],
    },
    "SAU": {
        "fr": ["Arabie saoudite", "Arabie Saoudite", "royaume saoudien"],
        "en": ["Saudi Arabia"],
    },
    "VAT": {
        "fr": ["Vatican", "Saint-Siège", "Cité du Vatican", "Saint Siège"],
        "en": ["Vatican", "Holy See", "Vatican City"],
    },
    "MKD": {
        "fr": ["Macédoine du Nord", "Macédoine", "ARYM"],
        "en": ["North Macedonia", "Macedonia", "FYROM"],
    },
    "SWZ": {"fr": ["Eswatini", "Swaziland"], "en": ["Eswatini", "Swaziland"]},
    "CPV": {"fr": ["Cap-Vert", "Cabo Verde"], "en": ["Cape Verde", "Cabo Verde"]},
    "TLS": {"fr": ["Timor oriental", "Timor-Leste"], "en": ["East Timor", "Timor-Leste"]},
    "ESH": {
        "fr": ["Sahara occidental", "RASD", "République arabe sahraouie démocratique"],
        "en": ["Western Sahara", "Sahrawi Arab Democratic Republic", "SADR"],
    },
    "XKX": {"fr": ["Kosovo"], "en": ["Kosovo"]},
    "MDA": {"fr": ["Moldavie", "Moldova"], "en": ["Moldova"]},
    "KGZ": {"fr": ["Kirghizistan", "Kirghizstan"], "en": ["Kyrgyzstan", "Kirghizia"]},
    "VNM": {"fr": ["Vietnam", "Viêt Nam", "Viet Nam"], "en": ["Vietnam", "Viet Nam"]},
    "BIH": {"fr": ["Bosnie", "Bosnie-Herzégovine"], "en": ["Bosnia", "Bosnia-Herzegovina"]},
    "GNB": {"fr": ["Guinée-Bissau"], "en": ["Guinea-Bissau"]},
    "GNQ": {"fr": ["Guinée équatoriale"], "en": ["Equatorial Guinea"]},
    "GIN": {"fr": ["Guinée", "Guinée-Conakry"], "en": ["Guinea", "Guinea-Conakry"]},
    "AFG": {"fr": ["Afghanistan"], "en": ["Afghanistan"]},
    "IRQ": {"fr": ["Irak", "Iraq"], "en": ["Iraq"]},
    "LBY": {"fr": ["Libye"], "en": ["Libya"]},
    "YEM": {"fr": ["Yémen"], "en": ["Yemen"]},
    "SDN": {"fr": ["Soudan"], "en": ["Sudan", "the Sudan"]},
    "BRN": {"fr": ["Brunei", "Brunéi"], "en": ["Brunei", "Brunei Darussalam"]},
    "LAO": {"fr": ["Laos"], "en": ["Laos"]},
    "GMB": {"fr": ["Gambie"], "en": ["Gambia", "The Gambia"]},
    "BHS": {"fr": ["Bahamas"], "en": ["Bahamas", "The Bahamas"]},
    "FSM": {
        "fr": ["Micronésie", "États fédérés de Micronésie"],
        "en": ["Micronesia", "Federated States of Micronesia"],
    },
}

# Forms that are also common words or names: only match with the exact case.
CASE_SENSITIVE = {
    ("en", "US"),
    ("en", "Chad"),
    ("en", "Jordan"),
    ("en", "Turkey"),
    ("en", "China"),
    ("en", "Guinea"),
    ("en", "Niger"),
    ("fr", "Grenade"),
    ("en", "UAE"),
    ("fr", "EAU"),
    ("en", "Georgia"),
    ("fr", "Maurice"),
    ("fr", "Dominique"),
    ("en", "Dominica"),
}
# Forms that may well mean something else (a person, a region, a US state).
AMBIGUOUS_NAMES = {
    ("fr", "Maurice"),
    ("fr", "Dominique"),
    ("fr", "Grenade"),
    ("en", "Georgia"),
    ("fr", "Salvador"),
    ("fr", "Amérique"),
    ("en", "America"),
    ("fr", "Angleterre"),
    ("fr", "Hollande"),
    ("en", "Holland"),
    ("fr", "Macédoine"),
    ("en", "Macedonia"),
    ("fr", "République islamique"),
    ("en", "Islamic Republic"),
    ("fr", "Émirats"),
    ("en", "Emirates"),
    ("fr", "République de Chine"),
    ("en", "Republic of China"),
    ("fr", "Bosnie"),
    ("en", "Bosnia"),
    ("fr", "Hexagone"),
}

CAPITAL_AMBIGUOUS = {
    "Tripoli",
    "Victoria",
    "Georgetown",
    "Kingston",
    "Santiago",
    "San José",
    "Laâyoune",
    "El Aaiún",
    "Washington",
    "Saint John's",
    "Nassau",
    "Hamilton",
    "Jérusalem",
    "Jerusalem",
    "Ramallah",
    "Bruxelles",
    "Brussels",
}


def _clean_cldr(name: str) -> str:
    return name.replace("’", "'").replace(" & ", " and ")


def build() -> None:
    ref_path = Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE
    fr_terr = babel.Locale("fr").territories
    en_terr = babel.Locale("en").territories
    states: list[dict[str, str]] = []
    demonyms: list[dict[str, str]] = []
    official: dict[str, dict[str, list[str]]] = {}
    with ref_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            iso3 = ISO3_FIX.get(row["iso3"], row["iso3"])
            states.append(
                {
                    "iso3": iso3,
                    "iso2": row["iso2"],
                    "qid": QID_FIX.get(iso3, row["wikidata_qid"]),
                    "capital_en": CAPITAL_EN.get(iso3, row["capital_en"]),
                    "capital_fr": CAPITAL_FR.get(iso3, row["capital_fr_cldr"].split(" (")[0]),
                }
            )
            fr = FR_ADJ_FIX.get(
                iso3, ",".join(row[f"adj_fr_{k}"] for k in ("m_sg", "f_sg", "m_pl", "f_pl"))
            )
            adj, dem = EN_ADJ.get(
                iso3, (row["demonym_en"].split(",")[0], row["demonym_en"].split(",")[0])
            )
            demonyms.append({"iso3": iso3, "fr": fr, "en_adj": adj, "en_dem": dem})
            official[iso3] = {"fr": [row["name_fr_official"]], "en": [row["name_en_official"]]}
    for line in MISSING.strip().splitlines():
        iso2, iso3, qid, cap_en, cap_fr, dem_en, fr = line.split("|")
        states.append(
            {"iso3": iso3, "iso2": iso2, "qid": qid, "capital_en": cap_en, "capital_fr": cap_fr}
        )
        adj, dem = EN_ADJ.get(iso3, (dem_en, dem_en))
        demonyms.append({"iso3": iso3, "fr": fr, "en_adj": adj, "en_dem": dem})

    for st in states:
        iso3, iso2 = st["iso3"], st["iso2"]
        st["name_en"] = NAME_EN.get(iso3, _clean_cldr(en_terr[iso2]))
        st["name_fr"] = NAME_FR.get(iso3, _clean_cldr(fr_terr[iso2]))
        st["executive_office"] = (
            "head_of_government" if iso3 in HEAD_OF_GOVERNMENT_LED else "head_of_state"
        )
        st["president_office"] = PRESIDENT_OFFICE.get(iso3, "head_of_state")
        st["combined_head"] = "true" if iso3 in COMBINED_HEAD else "false"
        st["status"] = STATUS.get(iso3, "un_member")
    states.sort(key=lambda s: s["iso3"])
    demonyms.sort(key=lambda s: s["iso3"])

    cols = [
        "iso3",
        "iso2",
        "qid",
        "name_en",
        "name_fr",
        "capital_en",
        "capital_fr",
        "executive_office",
        "president_office",
        "combined_head",
        "status",
    ]
    _write(DATA / "states.csv", cols, states)

    # names.csv
    names: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()

    def add_name(iso3: str, lang: str, text: str, kind: str) -> None:
        text = text.strip().replace("’", "'").replace("d' ", "d'")
        text = re.sub(r"\s*\(.*\)$", "", text)
        if text.startswith(("La ", "Les ")):
            text = text.split(" ", 1)[1]
        if " - " in text or "SAR" in text or "R.A.S." in text:
            return
        if not text or (iso3, lang, text) in seen:
            return
        seen.add((iso3, lang, text))
        names.append(
            {
                "text": text,
                "lang": lang,
                "iso3": iso3,
                "kind": kind,
                "case_sensitive": "true" if (lang, text) in CASE_SENSITIVE else "false",
                "ambiguous": "true" if (lang, text) in AMBIGUOUS_NAMES else "false",
            }
        )

    for st in states:
        iso3 = st["iso3"]
        add_name(iso3, "en", st["name_en"], "name")
        add_name(iso3, "fr", st["name_fr"], "name")
        add_name(iso3, "en", _clean_cldr(en_terr[st["iso2"]]), "name")
        add_name(iso3, "fr", _clean_cldr(fr_terr[st["iso2"]]), "name")
        for lang, forms in NAMES.get(iso3, {}).items():
            for form in forms:
                add_name(iso3, lang, form, "variant")
        for lang, forms in official.get(iso3, {}).items():
            for form in forms:
                if form and form != "Fédération de Malaisie":
                    add_name(iso3, lang, form[0].upper() + form[1:], "official")
    _write(
        DATA / "names.csv", ["text", "lang", "iso3", "kind", "case_sensitive", "ambiguous"], names
    )

    # demonyms.csv
    rows = []
    for d in demonyms:
        m_sg, f_sg, m_pl, f_pl = d["fr"].split(",")
        extra = EXTRA_ADJ.get(d["iso3"], [])
        rows.append(
            {
                "iso3": d["iso3"],
                "fr_m_sg": m_sg,
                "fr_f_sg": f_sg,
                "fr_m_pl": m_pl,
                "fr_f_pl": f_pl,
                "en_adjective": d["en_adj"],
                "en_demonym": d["en_dem"],
                "fr_extra": "|".join(f for lang, f in extra if lang == "fr"),
                "en_extra": "|".join(f for lang, f in extra if lang == "en"),
            }
        )
    _write(
        DATA / "demonyms.csv",
        [
            "iso3",
            "fr_m_sg",
            "fr_f_sg",
            "fr_m_pl",
            "fr_f_pl",
            "en_adjective",
            "en_demonym",
            "fr_extra",
            "en_extra",
        ],
        rows,
    )

    # capitals: regenerate the capital rows of metonyms.csv, keep the hand-written seats of power
    met_path = DATA / "metonyms.csv"
    cols = ["text", "lang", "code", "kind", "ambiguous", "note"]
    kept = []
    if met_path.exists():
        with met_path.open(encoding="utf-8") as fh:
            kept = [r for r in csv.DictReader(fh) if r["kind"] != "capital"]
    caps = []
    for st in states:
        for lang in ("en", "fr"):
            cap = st[f"capital_{lang}"]
            if cap:
                caps.append(
                    {
                        "text": cap,
                        "lang": lang,
                        "code": st["iso3"],
                        "kind": "capital",
                        "ambiguous": "true" if cap in CAPITAL_AMBIGUOUS else "false",
                        "note": "",
                    }
                )
    _write(met_path, cols, caps + kept)


def _write(path: Path, cols: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    build()
