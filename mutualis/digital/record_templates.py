"""Starting points for an RGPD record: the processings nearly every commune runs.

The wording follows the CNIL's guidance for local authorities; each commune adapts it.
"""

from django.utils.translation import gettext_lazy as _

from mutualis.digital.models import LegalBasis

RECORD_TEMPLATES: dict[str, dict] = {
    "etat_civil": {
        "name": _("État civil"),
        "purposes": _("Établissement, tenue et délivrance des actes de naissance, mariage, décès et des mentions."),
        "legal_basis": LegalBasis.LEGAL_OBLIGATION,
        "data_subjects": _("Personnes nées, mariées ou décédées dans la commune ; déclarants ; témoins."),
        "data_categories": _("Identité, filiation, situation familiale, adresse, dates et lieux des événements."),
        "recipients": _("Officiers d'état civil, procureur de la République, INSEE, notaires, personnes habilitées."),
        "retention": _("Registres conservés sans limitation de durée (archives publiques)."),
        "security_measures": _("Accès nominatif au logiciel d'état civil, registres papier sous clé, sauvegardes."),
    },
    "listes_electorales": {
        "name": _("Listes électorales"),
        "purposes": _("Inscription des électeurs et gestion des listes électorales (répertoire électoral unique)."),
        "legal_basis": LegalBasis.LEGAL_OBLIGATION,
        "data_subjects": _("Électeurs inscrits dans la commune."),
        "data_categories": _("Identité, date et lieu de naissance, adresse, nationalité, bureau de vote."),
        "recipients": _("INSEE, préfecture, commission de contrôle, candidats et partis (communication encadrée)."),
        "retention": _("Tant que l'électeur est inscrit ; pièces justificatives selon les instructions d'archivage."),
        "security_measures": _("Accès limité aux agents habilités, journalisation des consultations du REU."),
    },
    "cimetiere": {
        "name": _("Gestion du cimetière"),
        "purposes": _("Attribution et suivi des concessions funéraires, registre des inhumations."),
        "legal_basis": LegalBasis.PUBLIC_TASK,
        "data_subjects": _("Concessionnaires, ayants droit, personnes inhumées, opérateurs funéraires."),
        "data_categories": _("Identité, coordonnées, date de décès, emplacement, titre de concession."),
        "recipients": _("Agents du service, opérateurs funéraires habilités."),
        "retention": _("Durée de la concession puis archivage selon les règles des archives publiques."),
        "security_measures": _("Logiciel de gestion des cimetières à accès nominatif, sauvegardes par l'EPCI."),
    },
    "urbanisme": {
        "name": _("Autorisations d'urbanisme"),
        "purposes": _("Instruction des demandes de permis, déclarations préalables et certificats d'urbanisme."),
        "legal_basis": LegalBasis.PUBLIC_TASK,
        "data_subjects": _("Demandeurs, propriétaires, architectes, voisins en cas de recours."),
        "data_categories": _("Identité, coordonnées, références cadastrales, description du projet."),
        "recipients": _("Service instructeur, services de l'État consultés, public (affichage et registre)."),
        "retention": _("Dossiers conservés sans limitation de durée (archives publiques)."),
        "security_measures": _("Dossiers numériques à accès nominatif, dossiers papier en armoire fermée."),
    },
}
