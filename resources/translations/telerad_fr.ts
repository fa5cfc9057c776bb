<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Archive</name>
    <message>
        <source>%1: cannot add a meta header (DCMTK: %2)</source>
        <translation>%1 : impossible d&apos;ajouter un en-tête méta (DCMTK : %2)</translation>
    </message>
    <message>
        <source>%1: SOP Instance UID %2 is already archived with different content; the first one is kept</source>
        <translation>%1 : le SOP Instance UID %2 est déjà archivé avec un autre contenu ; le premier est conservé</translation>
    </message>
    <message>
        <source>%1: empty file</source>
        <translation>%1 : fichier vide</translation>
    </message>
    <message>
        <source>%1: not DICOM, or damaged (DCMTK: %2)</source>
        <translation>%1 : pas un fichier DICOM, ou endommagé (DCMTK : %2)</translation>
    </message>
    <message>
        <source>%1: a DICOMDIR (media directory), not an instance; import the media folder or a file named DICOMDIR to follow its references</source>
        <translation>%1 : un DICOMDIR (répertoire de support), pas une instance ; importez le dossier du support ou un fichier nommé DICOMDIR pour suivre ses références</translation>
    </message>
    <message>
        <source>the archive&apos;s disk is nearly full: %1 MB free, %2 MB kept free (%3)</source>
        <translation>le disque de l&apos;archive est presque plein : %1 Mo libres, %2 Mo gardés libres (%3)</translation>
    </message>
</context>
<context>
    <name>DatasetSafety</name>
    <message>
        <source>%1: sequences nested more than %2 deep; refused unparsed (a real object nests a few levels)</source>
        <translation>%1 : séquences imbriquées sur plus de %2 niveaux ; refusé sans analyse (un objet réel n&apos;en imbrique que quelques-uns)</translation>
    </message>
    <message>
        <source>%1x%2 pixels x %3 frame(s)</source>
        <translation>%1x%2 pixels x %3 image(s)</translation>
    </message>
    <message>
        <source>%1: absurd image size (%2: %3 GB)</source>
        <translation>%1 : taille d&apos;image absurde (%2 : %3 Go)</translation>
    </message>
    <message>
        <source>%1: pixel data shorter than declared (%2 bytes for %3)</source>
        <translation>%1 : données de pixels plus courtes que déclaré (%2 octets pour %3)</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>%1: unreadable DICOMDIR: %2</source>
        <translation>%1 : DICOMDIR illisible : %2</translation>
    </message>
    <message>
        <source>%1: no such file or folder</source>
        <translation>%1 : fichier ou dossier introuvable</translation>
    </message>
    <message>
        <source>%1: refers to &apos;%2&apos;, outside its media folder; not followed</source>
        <translation>%1 : renvoie à « %2 », hors de son dossier de support ; non suivi</translation>
    </message>
</context>
<context>
    <name>InstanceAttributes</name>
    <message>
        <source>%1: no %2</source>
        <translation>%1 : pas de %2</translation>
    </message>
    <message>
        <source>%1: invalid %2 &apos;%3&apos;</source>
        <translation>%1 : %2 invalide « %3 »</translation>
    </message>
</context>
<context>
    <name>NetworkErrors</name>
    <message>
        <source>Peer unreachable: nothing answers at its address and port (service stopped, wrong port, or a firewall).</source>
        <translation>Correspondant injoignable : rien ne répond à son adresse et à son port (service arrêté, mauvais port ou pare-feu).</translation>
    </message>
    <message>
        <source>Peer refused: it does not accept our AE title or certificate for this request (ask its administrator to add us).</source>
        <translation>Refus du correspondant : il n&apos;accepte pas notre titre AE ou notre certificat pour cette demande (demandez à son administrateur de nous ajouter).</translation>
    </message>
    <message>
        <source>Certificate not trusted: the TLS handshake failed (its certificate is not from a CA we trust, or ours is not trusted there).</source>
        <translation>Certificat non reconnu : l&apos;établissement de la session TLS a échoué (son certificat ne vient pas d&apos;une AC de confiance, ou le nôtre n&apos;y est pas reconnu).</translation>
    </message>
    <message>
        <source>Timeout: the peer stopped answering (slow or broken link); the queue retries.</source>
        <translation>Délai dépassé : le correspondant ne répond plus (liaison lente ou coupée) ; la file d&apos;attente réessaie.</translation>
    </message>
    <message>
        <source>Connection dropped during the transfer; the queue resumes with the instances not yet confirmed.</source>
        <translation>Connexion coupée pendant le transfert ; la file d&apos;attente reprend avec les instances non encore confirmées.</translation>
    </message>
    <message>
        <source>The peer is out of resources (disk full?) and could not store the instances.</source>
        <translation>Le correspondant manque de ressources (disque plein ?) et n&apos;a pas pu enregistrer les instances.</translation>
    </message>
    <message>
        <source>Certificate expired: the TLS handshake failed because our certificate or the peer&apos;s is past its end date (renew it: Settings &gt; Network shows ours).</source>
        <translation>Certificat expiré : la négociation TLS a échoué car notre certificat ou celui du correspondant a dépassé sa date de fin (renouvelez-le : Paramètres &gt; Réseau montre le nôtre).</translation>
    </message>
</context>
<context>
    <name>PixelDecoder</name>
    <message>
        <source>%1: not an image (no Rows/Columns)</source>
        <translation>%1 : pas une image (ni Rows ni Columns)</translation>
    </message>
    <message>
        <source>%1: pixel data shorter than its declared size</source>
        <translation>%1 : données de pixels plus courtes que leur taille déclarée</translation>
    </message>
    <message>
        <source>%1: unknown pixel representation</source>
        <translation>%1 : représentation des pixels inconnue</translation>
    </message>
    <message>
        <source>%1: cannot convert frame %2 to RGB</source>
        <translation>%1 : impossible de convertir l&apos;image %2 en RVB</translation>
    </message>
    <message>
        <source>%1: no pixel data</source>
        <translation>%1 : pas de données de pixels</translation>
    </message>
    <message>
        <source>%1: cannot decode: %2</source>
        <translation>%1 : décodage impossible : %2</translation>
    </message>
    <message>
        <source>%1: no frames</source>
        <translation>%1 : aucune image</translation>
    </message>
    <message>
        <source>%1: %2x%3 pixels where the series has %4x%5</source>
        <translation>%1 : %2x%3 pixels alors que la série a %4x%5</translation>
    </message>
    <message>
        <source>%1: modality value %2 does not fit 16-bit signed</source>
        <translation>%1 : la valeur de modalité %2 ne tient pas sur 16 bits signés</translation>
    </message>
    <message>
        <source>%1: damaged JPEG stream (a TEM marker where a frame header belongs)</source>
        <translation>%1 : flux JPEG endommagé (un marqueur TEM à la place d&apos;un en-tête d&apos;image)</translation>
    </message>
</context>
<context>
    <name>Pki</name>
    <message>
        <source>expired on %1</source>
        <translation>a expiré le %1</translation>
    </message>
    <message numerus="yes">
        <source>expires on %1, in %n day(s)</source>
        <translation>
            <numerusform>expire le %1, dans %n jour</numerusform>
            <numerusform>expire le %1, dans %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <source>success</source>
        <translation>succès</translation>
    </message>
    <message>
        <source>FAILURE</source>
        <translation>ÉCHEC</translation>
    </message>
</context>
<context>
    <name>VolumeLoader</name>
    <message numerus="yes">
        <source>Missing slices: about %n (gaps in the slice positions)</source>
        <translation>
            <numerusform>Coupe manquante : environ %n (trous dans les positions des coupes)</numerusform>
            <numerusform>Coupes manquantes : environ %n (trous dans les positions des coupes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Irregular slice spacing (%n gap(s) differ from %1 mm by more than 10%)</source>
        <translation>
            <numerusform>Espacement irrégulier des coupes (%n écart diffère de %1 mm de plus de 10 %)</numerusform>
            <numerusform>Espacement irrégulier des coupes (%n écarts diffèrent de %1 mm de plus de 10 %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n slice(s) at the same position as another</source>
        <translation>
            <numerusform>%n coupe à la même position qu&apos;une autre</numerusform>
            <numerusform>%n coupes à la même position qu&apos;une autre</numerusform>
        </translation>
    </message>
    <message>
        <source>Gantry tilt %1 degrees: reformats and 3D are distorted</source>
        <translation>Inclinaison du statif de %1 degrés : reconstructions et 3D déformées</translation>
    </message>
    <message>
        <source>no image files to load</source>
        <translation>aucun fichier image à charger</translation>
    </message>
    <message>
        <source>%1: %2 million voxels, too large to load (at most 2,147 million)</source>
        <translation>%1 : %2 millions de voxels, trop grand pour être chargé (2 147 millions au plus)</translation>
    </message>
    <message>
        <source>%1: not enough memory for %2 million voxels</source>
        <translation>%1 : mémoire insuffisante pour %2 millions de voxels</translation>
    </message>
    <message>
        <source>loading cancelled</source>
        <translation>chargement annulé</translation>
    </message>
    <message>
        <source>%1: frame %2 missing</source>
        <translation>%1 : image %2 manquante</translation>
    </message>
</context>
<context>
    <name>telerad::ArchiveJobs</name>
    <message>
        <source>Loading %1 images...</source>
        <translation>Chargement de %1 images...</translation>
    </message>
</context>
<context>
    <name>telerad::AuditViewerDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>all actions</source>
        <translation>toutes les actions</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <source>since</source>
        <translation>depuis</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <source>Study UID</source>
        <translation>UID de l&apos;examen</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Correspondant</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>&amp;Export as DICOM audit messages...</source>
        <translation>&amp;Exporter en messages d&apos;audit DICOM...</translation>
    </message>
    <message>
        <source>Reading the audit trail...</source>
        <translation>Lecture du journal d&apos;audit...</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) shown; the audit trail is intact (%1 records).</source>
        <translation>
            <numerusform>%n enregistrement affiché ; le journal d&apos;audit est intact (%1 enregistrements).</numerusform>
            <numerusform>%n enregistrements affichés ; le journal d&apos;audit est intact (%1 enregistrements).</numerusform>
        </translation>
    </message>
    <message>
        <source>THE AUDIT TRAIL IS BROKEN at record %1: %2</source>
        <translation>LE JOURNAL D&apos;AUDIT EST ROMPU à l&apos;enregistrement %1 : %2</translation>
    </message>
    <message>
        <source>THE AUDIT TRAIL IS BROKEN</source>
        <translation>LE JOURNAL D&apos;AUDIT EST ROMPU</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exporter le journal d&apos;audit</translation>
    </message>
    <message>
        <source>XML files (*.xml)</source>
        <translation>Fichiers XML (*.xml)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n audit record(s) to %1</source>
        <translation>
            <numerusform>%n enregistrement d&apos;audit exporté vers %1</numerusform>
            <numerusform>%n enregistrements d&apos;audit exportés vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telerad::DemoStudyJob</name>
    <message>
        <source>Generating the demo CT study</source>
        <translation>Génération de l&apos;examen scanner de démonstration</translation>
    </message>
    <message>
        <source>Loading the demo study</source>
        <translation>Chargement de l&apos;examen de démonstration</translation>
    </message>
</context>
<context>
    <name>telerad::LoginDialog</name>
    <message>
        <source>Telerad is locked</source>
        <translation>Telerad est verrouillé</translation>
    </message>
    <message>
        <source>Sign in to Telerad</source>
        <translation>Connexion à Telerad</translation>
    </message>
    <message>
        <source>6 digits, when your account has a second factor</source>
        <translation>6 chiffres, si votre compte a un second facteur</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Code (TOTP)</source>
        <translation>Code (TOTP)</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>The session of %1 was locked after a period without activity.</source>
        <translation>La session de %1 a été verrouillée après une période d&apos;inactivité.</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>Vérification...</translation>
    </message>
    <message>
        <source>Only %1 can unlock this session.</source>
        <translation>Seul %1 peut déverrouiller cette session.</translation>
    </message>
</context>
<context>
    <name>telerad::MainWindow</name>
    <message>
        <source>Telerad</source>
        <translation>Telerad</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %1: %n image(s)</source>
        <translation>
            <numerusform>%1 supprimé : %n image</numerusform>
            <numerusform>%1 supprimé : %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading series %1...</source>
        <translation>Chargement de la série %1...</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Import folder or media...</source>
        <translation>&amp;Importer un dossier ou un support...</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Import &amp;files...</source>
        <translation>Importer des f&amp;ichiers...</translation>
    </message>
    <message>
        <source>&amp;Query/Retrieve...</source>
        <translation>&amp;Rechercher/Récupérer...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <source>&amp;Network...</source>
        <translation>&amp;Réseau...</translation>
    </message>
    <message>
        <source>&amp;Audit trail...</source>
        <translation>&amp;Journal d&apos;audit...</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Show &amp;overlay</source>
        <translation>Afficher les &amp;informations</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>&amp;Disposition</translation>
    </message>
    <message>
        <source>&amp;Reset view	R</source>
        <translation>&amp;Réinitialiser la vue	R</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About Telerad</source>
        <translation>&amp;À propos de Telerad</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>&amp;Image</translation>
    </message>
    <message>
        <source>&amp;Axial	A</source>
        <translation>&amp;Axial	A</translation>
    </message>
    <message>
        <source>&amp;Coronal	C</source>
        <translation>&amp;Coronal	C</translation>
    </message>
    <message>
        <source>&amp;Sagittal	S</source>
        <translation>&amp;Sagittal	S</translation>
    </message>
    <message>
        <source>3-plane &amp;MPR with crosshair (Ctrl+drag turns the planes)</source>
        <translation>&amp;MPR 3 plans avec réticule (Ctrl+glisser fait tourner les plans)</translation>
    </message>
    <message>
        <source>Reset &amp;oblique planes</source>
        <translation>Réinitialiser les plans &amp;obliques</translation>
    </message>
    <message>
        <source>Thick &amp;slab</source>
        <translation>&amp;Coupe épaisse</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source>MIP</source>
        <translation>MIP</translation>
    </message>
    <message>
        <source>MinIP</source>
        <translation>MinIP</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>%1 %2 mm</source>
        <translation>%1 %2 mm</translation>
    </message>
    <message>
        <source>&amp;Window presets</source>
        <translation>&amp;Fenêtres prédéfinies</translation>
    </message>
    <message>
        <source>%1 (W %2 L %3)</source>
        <translation>%1 (W %2 L %3)</translation>
    </message>
    <message>
        <source>open a series first</source>
        <translation>ouvrez d&apos;abord une série</translation>
    </message>
    <message>
        <source>&amp;Invert	I</source>
        <translation>&amp;Inverser	I</translation>
    </message>
    <message>
        <source>&amp;Measure distance (left drag)	D</source>
        <translation>&amp;Mesurer une distance (glisser, bouton gauche)	D</translation>
    </message>
    <message>
        <source>&amp;Ellipse ROI (left drag)	E</source>
        <translation>ROI &amp;ellipse (glisser, bouton gauche)	E</translation>
    </message>
    <message>
        <source>Rectangle &amp;ROI (left drag)	B</source>
        <translation>&amp;ROI rectangle (glisser, bouton gauche)	B</translation>
    </message>
    <message>
        <source>An&amp;gle (drag an arm, click the other)	N</source>
        <translation>An&amp;gle (glisser un côté, cliquer l&apos;autre)	N</translation>
    </message>
    <message>
        <source>&amp;Text arrow (drag from the text to the point)	T</source>
        <translation>&amp;Flèche annotée (glisser du texte vers le point)	T</translation>
    </message>
    <message>
        <source>&amp;Window/level with the left button</source>
        <translation>&amp;Fenêtrage avec le bouton gauche</translation>
    </message>
    <message>
        <source>Mark &amp;key image	K</source>
        <translation>Marquer comme image &amp;clé	K</translation>
    </message>
    <message>
        <source>Clear &amp;measurements	Del</source>
        <translation>Effacer les &amp;mesures	Del</translation>
    </message>
    <message>
        <source>&amp;Fit	F</source>
        <translation>&amp;Ajuster	F</translation>
    </message>
    <message>
        <source>Zoom &amp;1:1	Z</source>
        <translation>Zoom &amp;1:1	Z</translation>
    </message>
    <message>
        <source>&amp;Cine	Space</source>
        <translation>&amp;Ciné	Space</translation>
    </message>
    <message>
        <source>&amp;Synchronised scrolling</source>
        <translation>Défilement &amp;synchronisé</translation>
    </message>
    <message>
        <source>&amp;3D volume rendering...</source>
        <translation>Rendu volumique &amp;3D...</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG...</source>
        <translation>&amp;Exporter la vue en PNG...</translation>
    </message>
    <message>
        <source>Cop&amp;y view</source>
        <translation>Cop&amp;ier la vue</translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation>le presse-papiers</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exporter la vue</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>View exported to %1</source>
        <translation>Vue exportée vers %1</translation>
    </message>
    <message>
        <source>Open a series first</source>
        <translation>Ouvrez d&apos;abord une série</translation>
    </message>
    <message>
        <source>3D - %1</source>
        <translation>3D - %1</translation>
    </message>
    <message>
        <source>Cut away the front of the patient (%)</source>
        <translation>Retirer l&apos;avant du patient (%)</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Préréglage</translation>
    </message>
    <message>
        <source>Cut away the front</source>
        <translation>Retirer l&apos;avant</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Dossier de données : %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Preparing the demo study...</source>
        <translation>Préparation de l&apos;examen de démonstration...</translation>
    </message>
    <message>
        <source>%1: %2 of %3 images</source>
        <translation>%1 : %2 images sur %3</translation>
    </message>
    <message>
        <source>Demo study: %1</source>
        <translation>Examen de démonstration : %1</translation>
    </message>
    <message>
        <source>The demo study could not be prepared: %1</source>
        <translation>L&apos;examen de démonstration n&apos;a pas pu être préparé : %1</translation>
    </message>
    <message>
        <source>Open a series first: the three planes show the active viewer&apos;s series</source>
        <translation>Ouvrez d&apos;abord une série : les trois plans montrent la série de la vue active</translation>
    </message>
    <message>
        <source>3-plane MPR: click or drag to move the crosshair, Ctrl+drag to turn the other planes</source>
        <translation>MPR 3 plans : cliquer ou glisser déplace le réticule, Ctrl+glisser fait tourner les autres plans</translation>
    </message>
    <message>
        <source>%1 - %2 %3</source>
        <translation>%1 - %2 %3</translation>
    </message>
    <message>
        <source>Archive: %1</source>
        <translation>Archive : %1</translation>
    </message>
    <message>
        <source>Image %1/%2   W %3  L %4</source>
        <translation>Image %1/%2   W %3  L %4</translation>
    </message>
    <message>
        <source>Import a folder, CD or USB stick</source>
        <translation>Importer un dossier, un CD ou une clé USB</translation>
    </message>
    <message>
        <source>Import DICOM files</source>
        <translation>Importer des fichiers DICOM</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Une importation est déjà en cours.</translation>
    </message>
    <message>
        <source>Import: looking for files...</source>
        <translation>Importation : recherche des fichiers...</translation>
    </message>
    <message>
        <source>Import: %1 of %2 files, %3 MB/s</source>
        <translation>Importation : %1 fichiers sur %2, %3 Mo/s</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (annulée)</translation>
    </message>
    <message>
        <source>Import finished: %1</source>
        <translation>Importation terminée : %1</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Rapport d&apos;importation</translation>
    </message>
    <message>
        <source>%1

Some files were not imported; details below.</source>
        <translation>%1

Certains fichiers n&apos;ont pas été importés ; détails ci-dessous.</translation>
    </message>
    <message>
        <source>%1 holds a report or a notice: see Reading &gt; Reports</source>
        <translation>%1 contient un compte rendu ou un avis : voir Lecture &gt; Comptes rendus</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Network: %1</source>
        <translation>Réseau : %1</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <source>Signature: %1</source>
        <translation>Signature : %1</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message>
        <source>Study %1 is not in the archive yet</source>
        <translation>L&apos;examen %1 n&apos;est pas encore dans l&apos;archive</translation>
    </message>
    <message>
        <source>Send for reading</source>
        <translation>Envoyer pour interprétation</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Write report</source>
        <translation>Rédiger le compte rendu</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Exportation vers %1...</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>L&apos;exportation a échoué : %1</translation>
    </message>
    <message numerus="yes">
        <source> - check the pixels of %n image(s): they may show the patient&apos;s name</source>
        <translation>
            <numerusform> - vérifiez les pixels de %n image : ils peuvent montrer le nom du patient</numerusform>
            <numerusform> - vérifiez les pixels de %n images : ils peuvent montrer le nom du patient</numerusform>
        </translation>
    </message>
    <message>
        <source>Send for reading...</source>
        <translation>Envoyer pour interprétation...</translation>
    </message>
    <message>
        <source>Write report...</source>
        <translation>Rédiger le compte rendu...</translation>
    </message>
    <message>
        <source>Export de-identified to</source>
        <translation>Exporter anonymisé vers</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Export to folder...</source>
        <translation>Exporter vers un dossier...</translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation>Supprimer...</translation>
    </message>
    <message>
        <source>Export de-identified...</source>
        <translation>Exporter anonymisé...</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Envoyer à</translation>
    </message>
    <message>
        <source>no node yet (Settings &gt; Network)</source>
        <translation>aucun nœud pour l&apos;instant (Paramètres &gt; Réseau)</translation>
    </message>
    <message>
        <source>%1 (NOT SECURE)</source>
        <translation>%1 (NON SÉCURISÉ)</translation>
    </message>
    <message>
        <source>Queued for %1: see Transfers</source>
        <translation>En file pour %1 : voir Transferts</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete from the archive</source>
        <translation>Supprimer de l&apos;archive</translation>
    </message>
    <message>
        <source>Delete %1 from this workstation&apos;s archive?

Its images are removed from the disk; this cannot be undone.</source>
        <translation>Supprimer %1 de l&apos;archive de ce poste ?

Ses images sont effacées du disque ; c&apos;est irréversible.</translation>
    </message>
    <message>
        <source>Network settings</source>
        <translation>Paramètres réseau</translation>
    </message>
    <message>
        <source>About Telerad</source>
        <translation>À propos de Telerad</translation>
    </message>
    <message>
        <source>&lt;b&gt;Telerad %1&lt;/b&gt;&lt;p&gt;Teleradiology workstation: secure DICOM, diagnostic viewer, signed reports.&lt;/p&gt;&lt;p&gt;Data folder: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;Telerad %1&lt;/b&gt;&lt;p&gt;Station de téléradiologie : DICOM sécurisé, visionneuse diagnostique, comptes rendus signés.&lt;/p&gt;&lt;p&gt;Dossier de données : %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Telerad will speak %1 from its next start</source>
        <translation>Langue de Telerad au prochain démarrage : %1</translation>
    </message>
    <message>
        <source>%1 imported, %2 already in the archive, %3 refused</source>
        <translation>%1 importés, %2 déjà dans l&apos;archive, %3 refusés</translation>
    </message>
    <message>
        <source>%1 exported to %2, %3 skipped</source>
        <translation>%1 exportés vers %2, %3 ignorés</translation>
    </message>
    <message>
        <source>%1
%2 GB are kept free for the index and the system</source>
        <translation>%1
%2 Go sont gardés libres pour l&apos;index et le système</translation>
    </message>
    <message>
        <source>Archive disk full (%1 GB free): new studies are refused</source>
        <translation>Disque de l&apos;archive plein (%1 Go libres) : les nouveaux examens sont refusés</translation>
    </message>
    <message>
        <source>Archive: only %1 GB free</source>
        <translation>Archive : plus que %1 Go libres</translation>
    </message>
    <message>
        <source>Archive: %1 GB free</source>
        <translation>Archive : %1 Go libres</translation>
    </message>
</context>
<context>
    <name>telerad::NetworkService</name>
    <message>
        <source>%1 connected</source>
        <translation>%1 connecté</translation>
    </message>
    <message>
        <source>REFUSED %1: %2</source>
        <translation>REFUSÉ %1 : %2</translation>
    </message>
    <message>
        <source>%1 disconnected</source>
        <translation>%1 déconnecté</translation>
    </message>
    <message>
        <source>NOT STORED %1 from %2</source>
        <translation>NON ENREGISTRÉ %1 de %2</translation>
    </message>
    <message>
        <source>DICOM service off: %1</source>
        <translation>Service DICOM arrêté : %1</translation>
    </message>
    <message>
        <source>DICOM service off: this site has no certificate yet (Settings &gt; Network)</source>
        <translation>Service DICOM arrêté : ce site n&apos;a pas encore de certificat (Paramètres &gt; Réseau)</translation>
    </message>
    <message>
        <source>Receiving as %1 on port %2 (TLS)</source>
        <translation>Réception en tant que %1 sur le port %2 (TLS)</translation>
    </message>
    <message>
        <source>Receiving as %1 on port %2 (TLS) and %3 (plain nodes, NOT SECURE)</source>
        <translation>Réception en tant que %1 sur le port %2 (TLS) et %3 (nœuds en clair, NON SÉCURISÉ)</translation>
    </message>
    <message>
        <source>DICOM service stopped</source>
        <translation>Service DICOM arrêté</translation>
    </message>
    <message>
        <source>study %1</source>
        <translation>examen %1</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms%3</source>
        <translation>%1 a répondu en %2 ms%3</translation>
    </message>
    <message>
        <source> over TLS</source>
        <translation> en TLS</translation>
    </message>
    <message>
        <source>, plain TCP: NOT SECURE</source>
        <translation>, TCP en clair : NON SÉCURISÉ</translation>
    </message>
    <message>
        <source>%1 by %2: %3 retrieved, %4 failed, %5 with warnings</source>
        <translation>%1 par %2 : %3 récupérées, %4 en échec, %5 avec avertissements</translation>
    </message>
    <message>
        <source>%1; this site&apos;s certificate %2 (Settings &gt; Network)</source>
        <translation>%1 ; le certificat de ce site %2 (Paramètres &gt; Réseau)</translation>
    </message>
</context>
<context>
    <name>telerad::NetworkSettingsDialog</name>
    <message>
        <source>No certificate yet: create one with &quot;telerad-cli tls init&quot; or import your network&apos;s with &quot;telerad-cli tls import&quot;. Without it the DICOM service stays off.</source>
        <translation>Pas encore de certificat : créez-en un avec « telerad-cli tls init » ou importez celui de votre réseau avec « telerad-cli tls import ». Sans lui, le service DICOM reste arrêté.</translation>
    </message>
    <message>
        <source>Certificate unreadable: %1</source>
        <translation>Certificat illisible : %1</translation>
    </message>
    <message>
        <source>Certificate: %1, issued by %2, valid until %3</source>
        <translation>Certificat : %1, émis par %2, valide jusqu&apos;au %3</translation>
    </message>
    <message>
        <source>Network settings</source>
        <translation>Paramètres réseau</translation>
    </message>
    <message>
        <source>This site</source>
        <translation>Ce site</translation>
    </message>
    <message>
        <source>AE title</source>
        <translation>Titre AE</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>A second port without TLS, for nodes marked plain (older modalities on the hospital network). NOT SECURE: never open it to the internet.</source>
        <translation>Un second port sans TLS, pour les nœuds en clair (anciennes modalités du réseau de l&apos;hôpital). NON SÉCURISÉ : ne jamais l&apos;ouvrir sur internet.</translation>
    </message>
    <message>
        <source>Listening port (TLS)</source>
        <translation>Port d&apos;écoute (TLS)</translation>
    </message>
    <message>
        <source>Plain-TCP port for plain nodes</source>
        <translation>Port TCP en clair pour les nœuds en clair</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Autorisé à</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Retrieve</source>
        <translation>Récupération</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Ajouter...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Modifier...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Test (C-ECHO)</source>
        <translation>Tester (C-ECHO)</translation>
    </message>
    <message>
        <source>Testing %1...</source>
        <translation>Test de %1...</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Address book: the only nodes that may connect to us, and where we send</source>
        <translation>Carnet d&apos;adresses : les seuls nœuds qui peuvent se connecter à nous, et nos destinations</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>NOT SECURE (plain TCP)</source>
        <translation>NON SÉCURISÉ (TCP en clair)</translation>
    </message>
    <message>
        <source>slow link</source>
        <translation>liaison lente</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>Patient data to and from this node is not encrypted</source>
        <translation>Les données patient échangées avec ce nœud ne sont pas chiffrées</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>DICOM node</source>
        <translation>Nœud DICOM</translation>
    </message>
    <message>
        <source>The plain-TCP port must differ from the TLS port.</source>
        <translation>Le port TCP en clair doit différer du port TLS.</translation>
    </message>
    <message>
        <source>This certificate %1: TLS associations fail once it has expired. Renew it (&quot;telerad-cli tls init&quot;, or a new one from your network&apos;s CA with &quot;telerad-cli tls import&quot;).</source>
        <translation>Ce certificat %1 : une fois expiré, toutes les associations TLS échouent. Renouvelez-le (« telerad-cli tls init », ou un nouveau de l&apos;AC de votre réseau avec « telerad-cli tls import »).</translation>
    </message>
</context>
<context>
    <name>telerad::NodeEditorDialog</name>
    <message>
        <source>New DICOM node</source>
        <translation>Nouveau nœud DICOM</translation>
    </message>
    <message>
        <source>DICOM node %1</source>
        <translation>Nœud DICOM %1</translation>
    </message>
    <message>
        <source>TLS with certificates (BCP 195)</source>
        <translation>TLS avec certificats (BCP 195)</translation>
    </message>
    <message>
        <source>Plain TCP: NOT SECURE. Patient data crosses the network unencrypted and the peer is not authenticated.</source>
        <translation>TCP en clair : NON SÉCURISÉ. Les données patient traversent le réseau sans chiffrement et le correspondant n&apos;est pas authentifié.</translation>
    </message>
    <message>
        <source>none: any certificate from a trusted CA</source>
        <translation>aucun : tout certificat d&apos;une AC de confiance</translation>
    </message>
    <message>
        <source>pinned: %1</source>
        <translation>épinglé : %1</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Choisir...</translation>
    </message>
    <message>
        <source>Peer certificate or its CA (PEM)</source>
        <translation>Certificat du correspondant ou de son AC (PEM)</translation>
    </message>
    <message>
        <source>send us studies</source>
        <translation>nous envoyer des examens</translation>
    </message>
    <message>
        <source>query us</source>
        <translation>nous interroger</translation>
    </message>
    <message>
        <source>retrieve (C-MOVE)</source>
        <translation>récupérer (C-MOVE)</translation>
    </message>
    <message>
        <source>retrieve (C-GET)</source>
        <translation>récupérer (C-GET)</translation>
    </message>
    <message>
        <source>slow link: send with lossless compression</source>
        <translation>liaison lente : envoyer avec compression sans perte</translation>
    </message>
    <message>
        <source>C-GET (works behind NAT)</source>
        <translation>C-GET (fonctionne derrière un NAT)</translation>
    </message>
    <message>
        <source>C-MOVE (the node must reach our port)</source>
        <translation>C-MOVE (le nœud doit pouvoir joindre notre port)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>AE title</source>
        <translation>Titre AE</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>It may</source>
        <translation>Il peut</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Retrieve by</source>
        <translation>Récupérer par</translation>
    </message>
</context>
<context>
    <name>telerad::QueryRetrieveDialog</name>
    <message>
        <source>Query / Retrieve</source>
        <translation>Rechercher / Récupérer</translation>
    </message>
    <message>
        <source>DOE* (wildcards * and ?)</source>
        <translation>DUPONT* (jokers * et ?)</translation>
    </message>
    <message>
        <source>20260101-20261231</source>
        <translation>20260101-20261231</translation>
    </message>
    <message>
        <source>CT, MR...</source>
        <translation>CT, MR...</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID patient</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Date de l&apos;examen</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalité</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Numéro d&apos;accès</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Retrieve selected study</source>
        <translation>Récupérer l&apos;examen sélectionné</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalités</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>No node in the address book yet (Settings &gt; Network).</source>
        <translation>Aucun nœud dans le carnet d&apos;adresses pour l&apos;instant (Paramètres &gt; Réseau).</translation>
    </message>
    <message>
        <source>Searching %1...</source>
        <translation>Recherche sur %1...</translation>
    </message>
    <message numerus="yes">
        <source>%n study(ies) at %1</source>
        <translation>
            <numerusform>%n examen sur %1</numerusform>
            <numerusform>%n examens sur %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrieving %1 from %2...</source>
        <translation>Récupération de %1 depuis %2...</translation>
    </message>
</context>
<context>
    <name>telerad::ReadingPanel</name>
    <message>
        <source>Emergency</source>
        <translation>Urgence vitale</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Programmé</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>OVERDUE by %1</source>
        <translation>EN RETARD de %1</translation>
    </message>
    <message>
        <source>Filter: patient, ID, modality, site...</source>
        <translation>Filtrer : patient, ID, modalité, site...</translation>
    </message>
    <message>
        <source>All urgencies</source>
        <translation>Toutes les urgences</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Reading site</source>
        <translation>Site d&apos;interprétation</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgence</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <source>Requests sent</source>
        <translation>Demandes envoyées</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Comptes rendus</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problème : %1</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalité</translation>
    </message>
    <message>
        <source>Body part</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Requesting site</source>
        <translation>Site demandeur</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Pris par</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Prendre</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>Ouvrir les images</translation>
    </message>
    <message>
        <source>Write report...</source>
        <translation>Rédiger le compte rendu...</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>View...</source>
        <translation>Voir...</translation>
    </message>
    <message>
        <source>Acknowledge critical finding</source>
        <translation>Accuser réception du résultat critique</translation>
    </message>
    <message>
        <source>Worklist (%1)</source>
        <translation>Liste de travail (%1)</translation>
    </message>
    <message>
        <source>draft, unsigned</source>
        <translation>brouillon, non signé</translation>
    </message>
    <message>
        <source>written here</source>
        <translation>rédigé ici</translation>
    </message>
    <message>
        <source>received from %1</source>
        <translation>reçu de %1</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>CRITIQUE</translation>
    </message>
    <message>
        <source>Reports (%1 critical unacknowledged)</source>
        <translation>Comptes rendus (%1 critiques sans accusé de réception)</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>Sélectionnez d&apos;abord une ligne.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>in reading</source>
        <translation>en lecture</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>interprété</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>received</source>
        <translation>reçu</translation>
    </message>
    <message>
        <source>report received</source>
        <translation>compte rendu reçu</translation>
    </message>
    <message>
        <source>report verified</source>
        <translation>compte rendu vérifié</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signé</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>remis</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>acquitté</translation>
    </message>
</context>
<context>
    <name>telerad::ReadingService</name>
    <message>
        <source>Read request queued for %1: see Transfers</source>
        <translation>Demande d&apos;interprétation en file pour %1 : voir Transferts</translation>
    </message>
    <message>
        <source>Draft saved (not signed)</source>
        <translation>Brouillon enregistré (non signé)</translation>
    </message>
    <message>
        <source>Signed by %1 and queued for the requesting site</source>
        <translation>Signé par %1 et en file pour le site demandeur</translation>
    </message>
    <message>
        <source>Signed by %1; not sent: %2</source>
        <translation>Signé par %1 ; non envoyé : %2</translation>
    </message>
    <message>
        <source>Critical finding acknowledged; %1 is told</source>
        <translation>Résultat critique acquitté ; %1 en est informé</translation>
    </message>
    <message>
        <source>valid (signed by %1, issued by %2)</source>
        <translation>valide (signé par %1, émis par %2)</translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation>invalide : %1</translation>
    </message>
    <message>
        <source>untrusted: %1</source>
        <translation>non reconnu : %1</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>non signé</translation>
    </message>
</context>
<context>
    <name>telerad::ReportEditorDialog</name>
    <message>
        <source>Critical finding: the requesting site must acknowledge it</source>
        <translation>Résultat critique : le site demandeur doit en accuser réception</translation>
    </message>
    <message>
        <source>Report - %1</source>
        <translation>Compte rendu - %1</translation>
    </message>
    <message>
        <source>Your PKCS#12 certificate (.p12)</source>
        <translation>Votre certificat PKCS#12 (.p12)</translation>
    </message>
    <message>
        <source>Patient: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Patient : &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Certificat de signature</translation>
    </message>
    <message>
        <source>Sign and send...</source>
        <translation>Signer et envoyer...</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Enregistrer le brouillon</translation>
    </message>
    <message>
        <source>Insert measurements and key images</source>
        <translation>Insérer les mesures et les images clés</translation>
    </message>
    <message>
        <source>&lt;font color=#b00000&gt;%1&lt;/font&gt;</source>
        <translation>&lt;font color=#b00000&gt;%1&lt;/font&gt;</translation>
    </message>
    <message>
        <source>Saved on this computer at %1</source>
        <translation>Enregistré sur cet ordinateur à %1</translation>
    </message>
    <message>
        <source>Unsigned text from an earlier session was restored.</source>
        <translation>Le texte non signé d&apos;une session précédente a été restauré.</translation>
    </message>
    <message>
        <source>PKCS#12 (*.p12 *.pfx);;All files (*)</source>
        <translation>PKCS#12 (*.p12 *.pfx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Sign the report</source>
        <translation>Signer le compte rendu</translation>
    </message>
    <message>
        <source>Passphrase of %1:</source>
        <translation>Phrase secrète de %1 :</translation>
    </message>
    <message>
        <source>Signing...</source>
        <translation>Signature...</translation>
    </message>
    <message>
        <source>Open this study&apos;s images, measure (D) or mark key images (K), then insert them.</source>
        <translation>Ouvrez les images de cet examen, mesurez (D) ou marquez des images clés (K), puis insérez-les.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) inserted from the viewer</source>
        <translation>
            <numerusform>%n ligne insérée depuis la visionneuse</numerusform>
            <numerusform>%n lignes insérées depuis la visionneuse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>telerad::SendForReadingDialog</name>
    <message>
        <source>Send for reading</source>
        <translation>Envoyer pour interprétation</translation>
    </message>
    <message>
        <source>%1 (NOT SECURE)</source>
        <translation>%1 (NON SÉCURISÉ)</translation>
    </message>
    <message>
        <source>%1 (AE %2)</source>
        <translation>%1 (AE %2)</translation>
    </message>
    <message>
        <source>This workstation (AE %1)</source>
        <translation>Ce poste (AE %1)</translation>
    </message>
    <message>
        <source>Routine (48 h)</source>
        <translation>Programmé (48 h)</translation>
    </message>
    <message>
        <source>Urgent (4 h)</source>
        <translation>Urgent (4 h)</translation>
    </message>
    <message>
        <source>Emergency (1 h)</source>
        <translation>Urgence vitale (1 h)</translation>
    </message>
    <message>
        <source>Clinical indication: symptoms, history, why this examination</source>
        <translation>Indication clinique : symptômes, antécédents, motif de l&apos;examen</translation>
    </message>
    <message>
        <source>The question for the radiologist</source>
        <translation>La question posée au radiologue</translation>
    </message>
    <message>
        <source>Patient: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Patient : &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Reading site</source>
        <translation>Site d&apos;interprétation</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgence</translation>
    </message>
    <message>
        <source>Requesting physician</source>
        <translation>Médecin demandeur</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>Téléphone de contact</translation>
    </message>
    <message>
        <source>Report comes back to</source>
        <translation>Compte rendu à renvoyer à</translation>
    </message>
    <message>
        <source>There is no reading site in the address book yet (Settings &gt; Network).</source>
        <translation>Il n&apos;y a pas encore de site d&apos;interprétation dans le carnet d&apos;adresses (Paramètres &gt; Réseau).</translation>
    </message>
    <message>
        <source>Give the clinical indication: the radiologist reads for a reason.</source>
        <translation>Indiquez l&apos;indication clinique : le radiologue interprète pour une raison.</translation>
    </message>
</context>
<context>
    <name>telerad::SliceViewer</name>
    <message>
        <source>%1 mm</source>
        <translation>%1 mm</translation>
    </message>
    <message>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <source>mean %1 %2, SD %3, min %4, max %5, area %6 mm²</source>
        <translation>moyenne %1 %2, ET %3, min %4, max %5, aire %6 mm²</translation>
    </message>
    <message>
        <source>Brain</source>
        <translation>Cerveau</translation>
    </message>
    <message>
        <source>Subdural</source>
        <translation>Sous-dural</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>AVC</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>Poumon</translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation>Médiastin</translation>
    </message>
    <message>
        <source>Abdomen</source>
        <translation>Abdomen</translation>
    </message>
    <message>
        <source>Liver</source>
        <translation>Foie</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Os</translation>
    </message>
    <message>
        <source>File window</source>
        <translation>Fenêtre du fichier</translation>
    </message>
    <message>
        <source>VOI LUT %1</source>
        <translation>VOI LUT %1</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>Angle</translation>
    </message>
    <message>
        <source>Arrow:</source>
        <translation>Flèche :</translation>
    </message>
    <message>
        <source>Ellipse ROI:</source>
        <translation>ROI ellipse :</translation>
    </message>
    <message>
        <source>Rectangle ROI:</source>
        <translation>ROI rectangle :</translation>
    </message>
    <message>
        <source>%1 %2 (%3 image %4)</source>
        <translation>%1 %2 (%3 image %4)</translation>
    </message>
    <message>
        <source>Key image: %1 image %2, location %3 mm</source>
        <translation>Image clé : %1 image %2, position %3 mm</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Flèche</translation>
    </message>
    <message>
        <source>Text of the arrow:</source>
        <translation>Texte de la flèche :</translation>
    </message>
    <message>
        <source>%1 oblique</source>
        <translation>%1 oblique</translation>
    </message>
    <message>
        <source>
KEY IMAGE</source>
        <translation>
IMAGE CLÉ</translation>
    </message>
    <message>
        <source>%1 %2 at (%3, %4, %5) mm</source>
        <translation>%1 %2 en (%3, %4, %5) mm</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>Double-click a series in the browser, or drag it here
(File &gt; Import to add studies)</source>
        <translation>Double-cliquez sur une série dans le navigateur, ou faites-la glisser ici
(Fichier &gt; Importer pour ajouter des examens)</translation>
    </message>
</context>
<context>
    <name>telerad::StudyBrowser</name>
    <message>
        <source>Name, patient ID or accession</source>
        <translation>Nom, ID patient ou numéro d&apos;accès</translation>
    </message>
    <message>
        <source>All modalities</source>
        <translation>Toutes les modalités</translation>
    </message>
    <message>
        <source>Patient / Study / Series</source>
        <translation>Patient / Examen / Série</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>%1
accession %2</source>
        <translation>%1
numéro d&apos;accès %2</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>sans nom</translation>
    </message>
    <message>
        <source>no ID</source>
        <translation>sans ID</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>sans date</translation>
    </message>
    <message>
        <source>no description</source>
        <translation>sans description</translation>
    </message>
</context>
<context>
    <name>telerad::TransferMonitor</name>
    <message>
        <source>queued</source>
        <translation>en file</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>envoi</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>DICOM service: starting...</source>
        <translation>Service DICOM : démarrage...</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Vers</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instances</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>Mo/s</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Incoming associations</source>
        <translation>Associations entrantes</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>REFUSED</source>
        <translation>REFUSÉ</translation>
    </message>
</context>
</TS>
