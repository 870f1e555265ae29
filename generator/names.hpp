#pragma once
// Name lists for fictional people and schools.

#include <string>
#include <vector>

namespace interop::generator::names {

inline const std::vector<std::string> last = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Nguyen", "Benali", "Da Silva", "Yilmaz", "Diallo", "Le Gall", "Kerboriou", "Haddad", "Traoré", "Ferreira"};

inline const std::vector<std::string> first = {
    "Emma", "Louise", "Jade", "Alice", "Chloé", "Lina", "Léa", "Rose", "Anna", "Mia", "Inès", "Zoé", "Ambre",
    "Julia", "Manon", "Gabriel", "Léo", "Raphaël", "Arthur", "Louis", "Lucas", "Adam", "Jules", "Hugo", "Maël",
    "Noah", "Sacha", "Paul", "Nathan", "Tom", "Yanis", "Aya", "Mohamed", "Elif", "Ibrahima", "Nolwenn", "Timéo"};

inline const std::vector<std::string> adult_first = {
    "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Céline", "Stéphanie", "Aurélie", "Karima",
    "Philippe", "Christophe", "Stéphane", "Laurent", "David", "Nicolas", "Olivier", "Sébastien", "Mehmet",
    "Fatoumata", "Ana", "Youssef", "Yann", "Gwenaëlle", "Thi Lan"};

inline const std::vector<std::string> school_names = {
    "Jean Moulin", "Jules Verne", "Anne de Bretagne", "Victor Hugo", "Simone Veil", "Louise Michel",
    "Aristide Briand", "Gaston Serpette", "Rosa Parks", "Jacques Prévert", "Marie Curie", "Olympe de Gouges"};

inline const std::vector<std::string> towns = {
    "Nantes", "Saint-Nazaire", "Rezé", "Clisson", "Ancenis", "Châteaubriant", "Pornic", "Guérande", "Vertou", "Orvault"};

} // namespace interop::generator::names
