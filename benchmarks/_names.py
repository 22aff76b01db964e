"""Name pools per naming culture, and how each culture writes a name in English news.

Each country of ``benchmarks/data/world.json`` is mapped to one culture; a culture has given
names (by gender), family names and its conventions: family name first (Chinese, Korean,
Vietnamese), initials ("S. Kumar"), particles ("van der Berg", "Al-Rashdi", "da Silva"),
double surnames (Spanish), feminine surname forms (Slavic), mononyms (Indonesia, Myanmar).
The pools are invented mixtures of common names; no real office holder is modelled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _n(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class Culture:
    """How one naming culture forms and writes personal names."""

    name: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    family_first: bool = False
    initial_share: float = 0.0  # "S. Kumar"
    mononym_share: float = 0.0  # a single name ("Sugiono")
    double_family_share: float = 0.0  # "López García"
    feminine: tuple[tuple[str, str], ...] = ()  # suffix rewrites of women's family names
    short_is_last_given: bool = False  # Vietnamese: "Bui Thanh Son" is "Son"


@dataclass(frozen=True)
class Name:
    """A personal name and the forms news writes it in."""

    full: str  # as first written: "Kenji Morioka", "Zhou Wenhai", "S. Kumar"
    short: str  # later references: "Morioka", "Zhou", "Kumar"
    female: bool
    variant: str  # another written form of the same name, or the full name


CULTURES: tuple[Culture, ...] = (
    Culture(
        "anglo",
        _n(
            "James, Michael, David, Andrew, Richard, Thomas, Peter, Mark, Daniel, Simon, Christopher, Jonathan, Robert, Stephen, Matthew, Anthony, Gregory, Oliver"
        ),
        _n(
            "Sarah, Elizabeth, Catherine, Emma, Rachel, Helen, Margaret, Naomi, Harriet, Eleanor, Victoria, Penelope, Jennifer, Laura, Alison, Rebecca, Fiona"
        ),
        _n(
            "Thompson, Whitcombe, Collins, Ashworth, Bennett, Harcourt, Kerrigan, Fletcher, Morrison, Pemberton, Sullivan, Gallagher, O'Connor, McAllister, Birch, Hollis, Trevaskis, Dalton, Kingsley, Reynolds, Holloway, Sinclair, Blackwood"
        ),
    ),
    Culture(
        "german",
        _n(
            "Matthias, Tobias, Jürgen, Stefan, Markus, Andreas, Wolfgang, Jörg, Lars, Florian, Johannes, Klaus, Dietmar"
        ),
        _n(
            "Ulrike, Annalena, Katrin, Sabine, Birgit, Julia, Franziska, Anke, Christiane, Svenja, Bärbel, Henrike"
        ),
        _n(
            "Brenner, Kemmerich, Sandmann, Wendt, Schröder, Müller, Hoffmann, Wagner, Baumgärtner, von Hagen, Krämer, Lindemann, Reinhardt, Weiß, Strobl, Oberhauser, Köhler"
        ),
    ),
    Culture(
        "french",
        _n(
            "Jean-Baptiste, Antoine, Julien, François, Olivier, Étienne, Laurent, Pierre, Thierry, Sébastien, Emmanuel, Rémi, Jean-Luc"
        ),
        _n(
            "Hélène, Catherine, Élise, Sophie, Amélie, Claire, Nathalie, Isabelle, Margaux, Chloé, Séverine, Anne-Marie"
        ),
        _n(
            "Mercier, Roussel, Garnier, Lefèvre, de Villepin, Dubois, Moreau, Girard, Fontaine, Chevalier, Lambert, Deschamps, Le Goff, Rousseau, Bélanger"
        ),
    ),
    Culture(
        "dutch",
        _n("Pieter, Jan, Maarten, Sjoerd, Willem, Ruud, Bart, Hendrik, Joost, Koen, Wouter, Frans"),
        _n("Anouk, Femke, Sanne, Marieke, Hanneke, Ingrid, Lotte, Sigrid, Kajsa, Annelies"),
        _n(
            "van der Berg, de Vries, van Dijk, Jansen, Bakker, Visser, van den Broek, de Jong, Smit, Mulder, van Leeuwen, ter Horst, Vermeulen, Peeters, De Smet"
        ),
    ),
    Culture(
        "nordic",
        _n(
            "Lars, Erik, Anders, Mikael, Jonas, Henrik, Søren, Bjørn, Magnus, Olav, Jukka, Mika, Pekka, Gunnar"
        ),
        _n("Ingrid, Mette, Sanna, Karin, Åsa, Liv, Elina, Hanna, Birgitta, Kristín, Frida, Sigrún"),
        _n(
            "Lindqvist, Andersen, Johansson, Nyström, Halvorsen, Sørensen, Bergström, Virtanen, Mäkinen, Løkke, Østergaard, Jónsdóttir, Karlsson, Heikkinen, Dahl"
        ),
    ),
    Culture(
        "spanish",
        _n(
            "José, Juan Carlos, Alejandro, Andrés, Luis, Miguel Ángel, Gustavo, Javier, Fernando, Rodrigo, Sergio, Martín, Raúl, Gabriel, Diego"
        ),
        _n(
            "María, María Fernanda, Ana Lucía, Carmen, Lucía, Gabriela, Verónica, Claudia, Mercedes, Daniela, Paula, Inés, Rocío"
        ),
        _n(
            "López, García, Martínez, Rodríguez, Fernández, Herrera, Gutiérrez, Castillo, Mendoza, Ramírez, Vargas, Ortega, Núñez, Sánchez, Jiménez, de la Fuente, Álvarez, Quiroga, Sotomayor, Echeverría, Cárdenas"
        ),
        double_family_share=0.4,
    ),
    Culture(
        "portuguese",
        _n(
            "João, Rogério, Carlos, Renato, Paulo, Luiz, António, Fernando, Marcelo, Sérgio, Tiago, Rui, André"
        ),
        _n("Luciana, Ana, Mariana, Beatriz, Fernanda, Simone, Conceição, Inês, Gleisi, Marina, Joana, Tânia"),
        _n(
            "Silva, da Silva, Moura, Figueira, Prado, Santos, dos Santos, Oliveira, Pereira, Costa, Brandão, Gonçalves, Magalhães, Araújo, Conceição, Sousa"
        ),
        double_family_share=0.2,
    ),
    Culture(
        "italian",
        _n(
            "Giuseppe, Antonio, Matteo, Alessandro, Francesco, Luca, Giorgio, Marco, Paolo, Stefano, Guido, Raffaele"
        ),
        _n("Giulia, Francesca, Chiara, Alessandra, Elena, Valentina, Federica, Paola, Anna Maria, Lucia"),
        _n(
            "Rossi, Bianchi, Esposito, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, De Luca, Conti, Mancini, Lombardi, D'Amico, Di Stefano"
        ),
    ),
    Culture(
        "west_slavic",
        _n(
            "Tomasz, Paweł, Radosław, Krzysztof, Andrzej, Piotr, Jakub, Jan, Martin, Petr, Tomáš, Marek, Miroslav"
        ),
        _n("Katarzyna, Agnieszka, Małgorzata, Anna, Ewa, Magdalena, Jana, Petra, Lucie, Zuzana, Barbora"),
        _n(
            "Wierzbicki, Zieliński, Kowalczyk, Nowak, Wiśniewski, Lewandowski, Kamiński, Dvořák, Novák, Svoboda, Černý, Procházka, Kučera, Szymański, Grabowski, Błaszczak"
        ),
        feminine=(
            ("ski", "ska"),
            ("cki", "cka"),
            ("dzki", "dzka"),
            ("ý", "á"),
            ("ák", "áková"),
            ("ek", "ková"),
        ),
    ),
    Culture(
        "south_slavic",
        _n(
            "Aleksandar, Nikola, Milorad, Goran, Dragan, Zoran, Tomislav, Marko, Bojan, Nenad, Dimitar, Rumen"
        ),
        _n("Ana, Jelena, Marija, Ivana, Tanja, Snežana, Dubravka, Mirjana, Gordana, Teodora"),
        _n(
            "Stanković, Petrović, Jovanović, Kovačević, Horvat, Radmanović, Marković, Nikolić, Đurić, Golob, Stoyanov, Georgiev, Dimitrov, Pendarovski, Babić"
        ),
        feminine=(("ov", "ova"), ("ev", "eva")),
    ),
    Culture(
        "east_slavic",
        _n(
            "Sergei, Dmitry, Andrei, Alexei, Mikhail, Vladimir, Oleksandr, Andrii, Dmytro, Yuriy, Pavel, Nikolai, Maxim, Viktor"
        ),
        _n("Maria, Olga, Tatiana, Yulia, Natalia, Irina, Svetlana, Oksana, Iryna, Valentina, Ekaterina"),
        _n(
            "Tikhomirov, Gromov, Ivanov, Volkov, Sokolov, Morozov, Kuznetsov, Orlov, Fedorov, Melnyk, Sybiha, Shevchenko, Kovalenko, Tkachenko, Bondarenko, Lukashevich, Rudenko, Zakharov"
        ),
        feminine=(("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("sky", "skaya")),
    ),
    Culture(
        "central_asian",
        _n(
            "Murat, Nurlan, Bakhtiyor, Sadyr, Rustam, Serdar, Kassym-Jomart, Askar, Jeenbek, Sirojiddin, Erlan, Ulugbek"
        ),
        _n("Aigerim, Dilnoza, Gulnara, Saule, Madina, Zarina, Aziza, Feruza, Dinara"),
        _n(
            "Nurtleu, Saidov, Toktogulov, Kulubaev, Meredov, Seitkali, Mammadov, Yusupov, Muhriddin, Abdrakhmanov, Kasymaliev, Bayramov, Rahmonov, Koshanov"
        ),
        feminine=(("ov", "ova"), ("ev", "eva")),
    ),
    Culture(
        "baltic_caucasus",
        _n(
            "Gabrielius, Kęstutis, Edgars, Krišjānis, Margus, Urmas, Giorgi, Irakli, Ararat, Nikol, Levan, Tõnis"
        ),
        _n("Ingrida, Baiba, Kaja, Evika, Salome, Tamar, Anahit, Kristi, Dalia"),
        _n(
            "Landsbergis, Žukauskas, Bērziņš, Braže, Tsahkna, Tamm, Beridze, Papuashvili, Mirzoyan, Harutyunyan, Grigoryan, Darchiashvili, Tsakalidis, Ozols"
        ),
    ),
    Culture(
        "hungarian_romanian",
        _n("Péter, Viktor, Zoltán, Gábor, Tamás, Klaus, Nicolae, Marcel, Bogdan, Sorin, Mihai, Dan"),
        _n("Katalin, Judit, Éva, Zsófia, Ioana, Andreea, Maia, Raluca, Oana, Ecaterina"),
        _n(
            "Szabó, Horváth, Novák, Varga, Kovács, Nagy, Stoica, Munteanu, Popescu, Ionescu, Bolojan, Dumitrescu, Ţurcanu, Popşoi"
        ),
    ),
    Culture(
        "greek",
        _n("Kyriakos, Giorgos, Nikos, Konstantinos, Dimitris, Christos, Nikos, Alexis, Ioannis, Evangelos"),
        _n("Eleni, Katerina, Maria, Dora, Sofia, Anna, Georgia, Despina"),
        _n(
            "Vlachos, Stavrou, Markou, Papadopoulos, Ioannou, Kombos, Antoniou, Georgiou, Nikolaou, Hatzidakis, Kostopoulos"
        ),
        feminine=(("os", "ou"), ("is", "i"), ("as", "a")),
    ),
    Culture(
        "turkish",
        _n("Kerem, Hakan, Mevlüt, Ömer, Ahmet, Mehmet, Cevdet, Ceyhun, Yaşar, İbrahim, Tuğrul, Selçuk"),
        _n("Selin, Ayşe, Zeynep, Elif, Gülşen, Özlem, Şule, Nur, Ayşegül, Derya"),
        _n(
            "Aydınlı, Karaca, Demir, Yılmaz, Çelik, Kılıç, Öztürk, Bayraktar, Gürsel, Şahin, Erdem, Bayramov, Aslan, Uysal"
        ),
    ),
    Culture(
        "arabic",
        _n(
            "Abdulaziz, Nawaf, Faisal, Mohammed, Khalid, Ahmed, Abdullah, Tarek, Sameh, Ayman, Nasser, Saud, Sultan, Hamad, Youssef, Badr, Talal, Omar"
        ),
        _n("Fatima, Lana, Reem, Noura, Mariam, Hessa, Amal, Layla, Sara, Maha, Dana"),
        _n(
            "Al-Sabhan, Al-Dakheel, Al-Enezi, Al-Rashdi, Al-Yahya, Al Nahyan, Al Thani, Al-Busaidi, Al-Zayani, Al-Safadi, Mansour, Abdelatty, Fahmy, El Amrani, Benali, Nabil, El-Khoury, Haddad, Bou Habib, Al-Jubeir, bin Farhan, Al Saud, Abu Ghazaleh"
        ),
    ),
    Culture(
        "persian",
        _n("Abbas, Mohammad Javad, Hossein, Masoud, Ali, Kazem, Mohammad Reza, Amir, Saeed, Esmaeil, Mehdi"),
        _n("Zahra, Maryam, Fatemeh, Farzaneh, Shirin, Leila, Masoumeh"),
        _n(
            "Karimi, Jafari, Rahimi, Gharibabadi, Baghaei, Takht-Ravanchi, Mohammadi-Nejad, Moradi, Hosseini, Sadeghi, Kanaani"
        ),
    ),
    Culture(
        "hebrew",
        _n("Gideon, Yair, Benny, Avi, Eli, Yoav, Amir, Daniel, Ron, Itzhak, Dov"),
        _n("Miri, Ayelet, Tzipi, Orit, Yael, Michal, Noa, Sharren"),
        _n("Sa'ar, Katz, Peretz, Cohen, Levi, Dermer, Mizrahi, Ben-David, Eshel, Golan, Shapira, Zamir"),
    ),
    Culture(
        "indian",
        _n(
            "Harish, Pranav, Vikram, Sanjay, Rajesh, Subrahmanyam, Anil, Kirti, Piyush, Ashwini, Jaideep, Vinay, Rajnath, Nirmal"
        ),
        _n("Priya, Meenakshi, Smriti, Anupriya, Nirmala, Sushma, Kavita, Lakshmi, Ruchira, Deepa"),
        _n(
            "Varadarajan, Deshmukh, Joshi, Rathore, Kumar, Sharma, Mehta, Iyer, Reddy, Kapoor, Bhatia, Pillai, Chaudhary, Banerjee, Nair, Goyal, Singh, Menon"
        ),
        initial_share=0.25,
    ),
    Culture(
        "south_asian_muslim",
        _n("Ishaq, Shehbaz, Bilawal, Jalil, Touhid, Asif, Tariq, Mohammad, Hasan, Imran, Khawaja, Salman"),
        _n("Hina, Sherry, Dipu, Rubina, Ayesha, Tahmina, Shireen, Nusrat"),
        _n(
            "Butt, Malik, Awan, Abbas Jilani, Hossain, Islam, Khan, Chowdhury, Rahman, Qureshi, Baloch, Hussain, Siddiqui"
        ),
    ),
    Culture(
        "sinhala",
        _n("Nalin, Vijitha, Pradeep, Kamal, Tissa, Ranil, Mahinda, Ahmed Shameem, Abdulla, Moosa"),
        _n("Chamari, Dilhani, Harini, Sujata, Kumari, Aminath, Mariya"),
        _n(
            "Wickramasekara, Weerasinghe, Perera, Herath, Amarasuriya, Jayasuriya, Gunawardena, Bandara, Zameer, Khaleel, Rasheed, Fernando"
        ),
    ),
    Culture(
        "nepali",
        _n("Narayan, Sher Bahadur, Pradeep, Bimal, Ram Chandra, Lok Bahadur, Tshering, Ugyen"),
        _n("Arzu, Sujata, Bidya, Sita, Pema, Kinley"),
        _n("Adhikari, Shrestha, Poudel, Gyawali, Koirala, Thapa, Rana, Dorji, Wangchuk, Sharma"),
    ),
    Culture(
        "chinese",
        _n(
            "Wenhai, Jianping, Ming, Wei, Yi, Qiang, Jun, Zhiwei, Haifeng, Lijian, Xiaoming, Chia-lung, Yu-jen, Kuan-ting"
        ),
        _n("Ying, Hua, Chunying, Lan, Meiling, Xiaoyan, Jing, Hsiao-kuang, Mei-ling"),
        _n("Zhou, Lu, Zhao, Wang, Li, Zhang, Liu, Chen, Yang, Huang, Sun, Ma, Lin, Guo, He, Xie, Hsiao, Cho"),
        family_first=True,
    ),
    Culture(
        "japanese",
        _n(
            "Kenji, Takuya, Haruto, Kenta, Takeshi, Yoshimasa, Hiroshi, Shigeru, Katsunobu, Minoru, Daisuke, Masahiro, Toshimitsu"
        ),
        _n("Yoko, Keiko, Sanae, Yuko, Akiko, Mariko, Hanako, Tomoko"),
        _n(
            "Morioka, Ogasawara, Mizoguchi, Arakawa, Iwaya, Hayashi, Nakatani, Matsuda, Takahashi, Suzuki, Watanabe, Yamamoto, Kobayashi, Fujita, Tanaka, Ishikawa"
        ),
    ),
    Culture(
        "korean",
        _n(
            "Min-jae, Han-gyeol, Sung-nam, Tae-yul, Jae-myung, Yong-hyun, Chul-woo, Dong-hoon, Jin-ho, Sang-woo"
        ),
        _n("So-yeon, Su-ah, Ye-rin, Hye-jin, Ji-won, Eun-jung, Mi-kyung, Kyung-wha"),
        _n("Kang, Kim, Park, Lee, Choi, Cho, Yoon, Jang, Han, Shin, Oh, Chung, Hwang, Moon"),
        family_first=True,
    ),
    Culture(
        "vietnamese",
        _n("Thanh Son, Van Hung, Minh Chinh, Duc Thang, Quoc Dung, Hoai Trung, Manh Hung, Tuan Anh"),
        _n("Thi Thanh, Thi Hang, Thu Trang, Phuong Nga, Thi Mai, Ngoc Anh"),
        _n("Nguyen, Bui, Pham, Tran, Le, Vu, Do, Dang, Hoang, Ngo"),
        family_first=True,
        short_is_last_given=True,
    ),
    Culture(
        "mainland_se_asian",
        _n("Maris, Parnpree, Sihasak, Sok, Prak, Saleumxay, Than, Kyaw, Hun, Anutin, Thaksin, Sonexay"),
        _n("Paetongtarn, Chanthol, Malai, Ratana, Suda"),
        _n(
            "Sangiampongsa, Bahiddha, Chenda Sophea, Sokhonn, Kommasith, Keomany, Tin, Swe, Vannak, Srisuk, Thongdee, Vongsa"
        ),
        mononym_share=0.15,
    ),
    Culture(
        "malay_indonesian",
        _n(
            "Arif, Sugiono, Budi, Retno, Mohamad, Anwar, Zambry, Wisnu, Prabowo, Joko, Erywan, Airlangga, Hishammuddin"
        ),
        _n("Rina, Retno, Sri, Dewi, Siti, Nurul, Fadhlina, Arlina"),
        _n(
            "Wicaksono, Kusumawati, Santoso, Marsudi, Hasan, Ibrahim, Abdul Kadir, Yusof, Nugroho, Pratama, Hartarto, Hussein, Pehin Yusof, Lestari"
        ),
        mononym_share=0.3,
    ),
    Culture(
        "filipino",
        _n(
            "Eduardo, Emilio, Enrique, Ferdinand, Gilberto, Jose Manuel, Manuel, Rodrigo, Teodoro, Ramon, Gibo"
        ),
        _n("Maria Theresa, Sara, Imelda, Leni, Cristina, Rosario, Ma. Lourdes"),
        _n(
            "Manalastas, Santillan, Manalo, Lazaro, Teodoro, Gatchalian, Año, Dela Cruz, Reyes, Bautista, Villanueva, Ocampo, Soriano"
        ),
    ),
    Culture(
        "west_african",
        _n(
            "Olumide, Yusuf, Bola, Kwame, Samuel, Abdoulaye, Moussa, Jean-Claude, Ibrahim, Emeka, Chinedu, Kofi, Ousmane, Amadou, Babacar, Alassane"
        ),
        _n("Amina, Ngozi, Adaeze, Shirley, Fatou, Aïssata, Awa, Ama, Chioma, Mariam, Yaa"),
        _n(
            "Bakare, Tuggar, Adeyemi, Okonkwo, Obi, Mensah, Ablakwa, Diop, Sall, Traoré, Diallo, Ouattara, Koné, Ba, Touré, Kaboré, Boateng, Nwosu, Tchiroma"
        ),
    ),
    Culture(
        "east_african",
        _n(
            "Musalia, Januari, Jeje, Olivier, Taye, Gedion, Ahmed, Abdisalam, William, Mulatu, Kipchumba, Baraka"
        ),
        _n("Wanjiru, Grace, Winnie, Beatrice, Liberata, Tsedale, Fozia, Hodan, Achieng, Neema"),
        _n(
            "Wafula, Mwakyembe, Odongo, Habimana, Atske Selassie, Timothewos, Omar, Warsame, Kiprono, Kombo, Kabudi, Mutua, Otieno, Mulamula, Mugisha, Ndayishimiye"
        ),
    ),
    Culture(
        "southern_african",
        _n("Ronald, Thabo, Sipho, Frederick, Hage, Lebogang, Mthuli, Amon, Hakainde, Lazarus, Nkosinathi"),
        _n("Naledi, Nkosazana, Lindiwe, Netumbo, Thandi, Khumbudzo, Mmusi, Nomvula"),
        _n(
            "Sithole, Naidoo, Mokoena, Shikongo, Khumalo, Ntshavheni, Moyo, Mwansa, Banda, Dlamini, Mokgweetsi, Mavimbela, Ncube, van Rooyen, Botha"
        ),
    ),
    Culture(
        "central_african",
        _n(
            "Jean-Pierre, Félix, Christophe, Denis, Faustin-Archange, Regis, Mahamat, Teodoro, Ali, Abdoulaye, Serge"
        ),
        _n("Thérèse, Judith, Marie-Claire, Sylvie, Chantal, Brigitte, Gertrude"),
        _n(
            "Kayikwamba, Mukendi, Lutundula, Gakosso, Yakété, Okemba, Nguema, Abderaman, Koulamallah, Mbela, Nkurunziza, Ondo Bile, Ngoma"
        ),
    ),
    Culture(
        "pacific",
        _n("Sitiveni, Mark, Siaosi, Kausea, Jeremiah, Surangel, David, Manasseh, Feleti, Taneti"),
        _n("Fiamē Naomi, Hilda, Lina, Mele, Salote, Losa, Akosita"),
        _n(
            "Tikoduadua, Kua, Mata'afa, Vaai, Sovaleni, Natano, Manele, Remengesau-Tellei, Mori, Kabua, Tabe, Leota, Kalsakau, Sikua"
        ),
    ),
    Culture(
        "mongolian",
        _n("Oyun-Erdene, Khurelsukh, Zandanshatar, Battsetseg, Gombojav, Tsogtbaatar, Enkhbold"),
        _n("Sarangerel, Enkhtuya, Oyunchimeg, Nomin"),
        _n("Luvsannamsrain, Ukhnaagiin, Gombojavyn, Batbayaryn, Tserendashiin, Ganboldyn"),
        family_first=True,
        short_is_last_given=True,
    ),
)

_BY_NAME = {c.name: c for c in CULTURES}

# ISO codes per culture; every country of benchmarks/data/world.json appears once.
_COUNTRIES = {
    "anglo": "AG AU BB BS BZ CA DM GB GD GY IE JM KN LC NZ TT US VC SR MT",
    "german": "AT CH DE LI LU",
    "french": "FR MC HT SC MU KM MG AD",
    "dutch": "BE NL",
    "nordic": "DK FI IS NO SE",
    "spanish": "AR BO CL CO CR CU DO EC ES GT HN MX NI PA PE PY SV UY VE GQ",
    "portuguese": "AO BR CV GW MZ PT ST TL",
    "italian": "IT SM VA",
    "west_slavic": "CZ PL SK SI",
    "south_slavic": "AL BA BG HR ME MK RS",
    "east_slavic": "BY RU UA",
    "central_asian": "AZ KG KZ TJ TM UZ",
    "baltic_caucasus": "AM EE GE LT LV",
    "hungarian_romanian": "HU MD RO",
    "greek": "CY GR",
    "turkish": "TR",
    "arabic": "AE BH DJ DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN YE",
    "persian": "AF IR",
    "hebrew": "IL",
    "indian": "IN",
    "south_asian_muslim": "BD PK",
    "sinhala": "LK MV",
    "nepali": "NP BT",
    "chinese": "CN SG TW",
    "japanese": "JP",
    "korean": "KP KR",
    "vietnamese": "VN",
    "mainland_se_asian": "KH LA MM TH",
    "malay_indonesian": "BN ID MY",
    "filipino": "PH",
    "west_african": "BF BJ CI GH GM GN LR ML NE NG SL SN TG",
    "east_african": "BI ER ET KE RW SS TZ UG",
    "southern_african": "BW LS MW NA SZ ZA ZM ZW",
    "central_african": "CD CF CG CM GA TD",
    "pacific": "FJ FM KI MH NR PG PW SB TO TV VU WS",
    "mongolian": "MN",
}
CULTURE_OF: dict[str, str] = {
    code: culture for culture, codes in _COUNTRIES.items() for code in codes.split()
}


def culture_for(country: str) -> Culture:
    """The naming culture of a country (ISO code); English names where none is mapped."""
    return _BY_NAME[CULTURE_OF.get(country, "anglo")]


def make_name(rng: random.Random, country: str) -> Name:
    """A new personal name for a citizen of ``country``, drawn with ``rng``."""
    culture = culture_for(country)
    female = rng.random() < 0.3
    given = rng.choice(culture.female if female else culture.male)
    if rng.random() < culture.mononym_share:
        return Name(given, given, female, given)
    family = rng.choice(culture.family)
    if rng.random() < culture.double_family_share:
        second = rng.choice([f for f in culture.family if f != family])
        family_full = f"{family} {second}"
    else:
        family_full = family
    if female:
        family_full = _feminine(culture, family_full)
        family = _feminine(culture, family)
    short = given.split()[-1] if culture.short_is_last_given else family
    if culture.family_first:
        full = f"{family_full} {given}"
        return Name(full, short, female, full)
    if rng.random() < culture.initial_share:
        initial = f"{given[0]}. {family_full}"
        return Name(initial, short, female, f"{given} {family_full}")
    full = f"{given} {family_full}"
    if culture.name == "japanese":
        return Name(full, short, female, f"{family_full.upper()} {given}")  # readouts: "MORIOKA Kenji"
    return Name(full, short, female, full)


def _feminine(culture: Culture, family: str) -> str:
    for suffix, replacement in culture.feminine:
        if family.endswith(suffix):
            return family[: -len(suffix)] + replacement
    return family
