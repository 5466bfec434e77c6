"""Default French wording of each instrument's convention, copied into a territory's
template the first time it is needed; the coordination team adapts it afterwards."""

from __future__ import annotations

from dataclasses import dataclass

from mutualis.agreements.models import Instrument


@dataclass(frozen=True)
class Wording:
    title: str
    recital: str
    purpose: str
    finances: str
    duties: str


WORDINGS: dict[str, Wording] = {
    Instrument.INDIVIDUAL_SECONDMENT: Wording(
        title="Convention de mise à disposition individuelle d'agent",
        recital="Considérant l'accord écrit de l'agent concerné et l'information préalable de l'organe délibérant "
        "de l'organisation d'origine ;",
        purpose="La présente convention a pour objet la mise à disposition individuelle d'un agent : {{ object }}. "
        "Elle précise la nature des fonctions exercées, les conditions d'emploi ainsi que les modalités de contrôle "
        "et d'évaluation des activités de l'agent.",
        finances="L'organisation d'accueil rembourse à l'organisation d'origine la rémunération de l'agent ainsi que "
        "les cotisations et contributions afférentes, au prorata du temps de mise à disposition.",
        duties="L'agent est placé sous l'autorité fonctionnelle de l'organisation d'accueil, qui fixe ses conditions "
        "de travail ; l'organisation d'origine conserve le pouvoir disciplinaire et la gestion de sa carrière.",
    ),
    Instrument.SERVICE_SECONDMENT: Wording(
        title="Convention de mise à disposition de service",
        recital="Considérant que la mise à disposition de tout ou partie d'un service présente un intérêt dans le "
        "cadre d'une bonne organisation des services ;",
        purpose="La présente convention organise la mise à disposition de tout ou partie d'un service : {{ object }}. "
        "Les agents du service sont placés, pour l'exercice de ces missions, sous l'autorité fonctionnelle du maire "
        "ou du président bénéficiaire.",
        finances="Le bénéficiaire rembourse les frais de fonctionnement du service sur la base d'un coût unitaire "
        "de fonctionnement multiplié par le nombre d'unités de fonctionnement constatées.",
        duties="Le bénéficiaire est responsable des décisions prises dans l'exercice des missions confiées au "
        "service ; l'organisation d'origine demeure l'employeur des agents.",
    ),
    Instrument.COMMON_SERVICE: Wording(
        title="Convention de création d'un service commun",
        recital="Considérant l'intérêt, en dehors des compétences transférées, de doter l'établissement public de "
        "coopération intercommunale et ses communes membres de services communs ;",
        purpose="La présente convention crée et organise le service commun suivant : {{ object }}. Elle en fixe les "
        "missions, les modalités de gestion et les effets sur le personnel.",
        finances="Les effets financiers de la mise en commun sont réglés par remboursement ou par imputation sur "
        "l'attribution de compensation.",
        duties="Le service commun est géré par l'établissement public de coopération intercommunale ; ses agents "
        "sont placés sous l'autorité fonctionnelle du maire ou du président selon la mission réalisée.",
    ),
    Instrument.POOLING_OF_RESOURCES: Wording(
        title="Convention de mise en commun de moyens",
        recital="Considérant l'intérêt de partager des biens entre l'établissement public de coopération "
        "intercommunale et ses communes membres, y compris pour l'exercice de compétences non transférées ;",
        purpose="La présente convention organise la mise à disposition de biens partagés : {{ object }}, selon le "
        "règlement de mise à disposition en vigueur.",
        finances="L'utilisation des biens partagés donne lieu aux conditions financières ci-dessous.",
        duties="L'emprunteur a la garde des biens pendant la mise à disposition ; il les utilise conformément à "
        "leur destination, les restitue en bon état et signale sans délai tout dommage.",
    ),
    Instrument.FACILITY_MANAGEMENT: Wording(
        title="Convention de création ou de gestion d'équipements ou de services",
        recital="Considérant que l'établissement public de coopération intercommunale et ses communes membres "
        "peuvent se confier par convention la création ou la gestion de certains équipements ou services ;",
        purpose="La présente convention confie la création ou la gestion de l'équipement ou du service suivant : "
        "{{ object }}.",
        finances="La partie qui confie la gestion rembourse à la partie gestionnaire les dépenses supportées à ce "
        "titre.",
        duties="La partie gestionnaire agit au nom et pour le compte de la partie qui lui confie la gestion et lui "
        "rend compte chaque année de l'exécution de la convention.",
    ),
    Instrument.COMPETENCE_TRANSFER: Wording(
        title="Convention relative au transfert de compétences",
        recital="Vu les délibérations concordantes de l'organe délibérant de l'établissement public de coopération "
        "intercommunale et des conseils municipaux de ses communes membres ;",
        purpose="La présente convention fixe les conditions du transfert de compétences suivant : {{ object }}. Elle "
        "précise la mise à disposition des biens et équipements nécessaires et le transfert des personnels concernés.",
        finances="Les charges transférées sont évaluées par la commission locale d'évaluation des charges transférées.",
        duties="À compter de la date d'effet du transfert, l'établissement public de coopération intercommunale est "
        "substitué aux communes dans leurs droits et obligations pour l'exercice de la compétence transférée.",
    ),
    Instrument.SERVICE_PROVISION: Wording(
        title="Convention de prestation de service",
        recital="Considérant que l'établissement public de coopération intercommunale peut, dans le respect des "
        "règles de la concurrence, assurer des prestations de service pour le compte d'autres collectivités ;",
        purpose="La présente convention a pour objet la réalisation de la prestation de service suivante : "
        "{{ object }}.",
        finances="La prestation est remboursée par le bénéficiaire au coût du service rendu, sur présentation d'un "
        "titre de recette.",
        duties="Le prestataire exécute la prestation avec diligence et selon les règles de l'art ; le bénéficiaire "
        "lui fournit les informations et les accès nécessaires.",
    ),
    Instrument.JOINT_PURCHASING: Wording(
        title="Convention constitutive de groupement de commandes",
        recital="Considérant l'intérêt de coordonner et de regrouper les achats des parties afin d'obtenir de "
        "meilleures conditions économiques ;",
        purpose="La présente convention constitue un groupement de commandes entre les parties pour : {{ object }}. "
        "Le coordonnateur organise la procédure de passation, signe et notifie le marché ; chaque membre en assure "
        "l'exécution pour ce qui le concerne.",
        finances="Chaque membre règle directement au titulaire les prestations qui le concernent ; les frais de "
        "procédure sont répartis entre les membres.",
        duties="Le coordonnateur répond de la régularité de la procédure de passation ; chaque membre répond de "
        "l'expression de ses besoins et de l'exécution du marché pour sa part.",
    ),
    Instrument.PURCHASING_CENTRE: Wording(
        title="Convention de recours à la centrale d'achat",
        recital="Considérant que l'acheteur qui recourt à une centrale d'achat est réputé avoir respecté ses "
        "obligations de publicité et de mise en concurrence pour les opérations qui lui sont confiées ;",
        purpose="La présente convention fixe les conditions dans lesquelles la centrale d'achat réalise pour le "
        "compte des adhérents les activités d'achat suivantes : {{ object }}.",
        finances="Les frais de fonctionnement de la centrale d'achat sont couverts par une participation des "
        "adhérents.",
        duties="La centrale d'achat répond des opérations de passation qui lui sont confiées ; chaque adhérent "
        "répond des opérations dont il se charge lui-même, notamment de l'exécution de ses commandes.",
    ),
}

SKELETON = """PRÉAMBULE

Vu {{{{ reference }}}} ;
{recital}

Entre {{{{ parties }}}}, il est convenu ce qui suit.

Article 1 – Objet

{purpose}

Article 2 – Durée

La présente convention s'applique {{{{ period }}}}. Elle prend effet à sa signature par l'ensemble des parties, \
et au plus tôt le {{{{ start }}}}.

Article 3 – Conditions financières

{finances} Montant : {{{{ amounts }}}}.

Article 4 – Responsabilités et assurances

{duties} Chaque partie déclare être assurée pour les risques découlant de la présente convention et en justifie \
sur simple demande.

Article 5 – Résiliation

Chaque partie peut résilier la présente convention par lettre recommandée avec accusé de réception, moyennant \
un préavis de trois mois. En cas de manquement grave d'une partie à ses obligations, la résiliation peut \
intervenir sans préavis après une mise en demeure restée sans effet pendant un mois.

Article 6 – Litiges

Les parties recherchent un règlement amiable de tout différend né de l'application de la présente convention. \
À défaut, le litige est porté devant le tribunal administratif territorialement compétent.

Fait en autant d'exemplaires originaux que de parties."""


def default_template(instrument: str) -> tuple[str, str]:
    """The default (title, body) of an instrument's convention."""
    wording = WORDINGS[instrument]
    body = SKELETON.format(
        recital=wording.recital, purpose=wording.purpose, finances=wording.finances, duties=wording.duties
    )
    return wording.title, body
